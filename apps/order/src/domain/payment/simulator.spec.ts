import { PaymentTimeoutError } from './payment-provider';
import { PaymentSimulator, TEST_CARDS } from './simulator';

const charge = (cardNumber: string, signal = new AbortController().signal) =>
  new PaymentSimulator().charge(
    { amountCents: 1999, currency: 'USD', cardNumber, expMonth: 12, expYear: 2099, cvc: '123' },
    signal,
  );

describe('PaymentSimulator', () => {
  it('accepts the success test card with a payment id', async () => {
    const result = await charge(TEST_CARDS.succeeds);
    expect(result).toEqual({ ok: true, paymentId: expect.stringMatching(/^pay_/) });
  });

  it.each([
    [TEST_CARDS.declined, 'card_declined'],
    [TEST_CARDS.insufficientFunds, 'insufficient_funds'],
    [TEST_CARDS.processingError, 'processing_error'],
    ['5555555555554444', 'card_not_supported'],
  ])('declines %s with %s', async (card, code) => {
    expect(await charge(card)).toEqual({ ok: false, code });
  });

  it('never answers for the timeout card until the caller gives up', async () => {
    const controller = new AbortController();
    const pending = charge(TEST_CARDS.timesOut, controller.signal);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(PaymentTimeoutError);
  });

  it('remembers refunds', async () => {
    const simulator = new PaymentSimulator();
    await simulator.refund('pay_1');
    expect(simulator.wasRefunded('pay_1')).toBe(true);
    expect(simulator.wasRefunded('pay_2')).toBe(false);
  });
});
