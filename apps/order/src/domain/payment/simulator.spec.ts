import { InMemoryLedger } from '../testing/fakes';
import { PaymentTimeoutError } from './payment-provider';
import { PaymentSimulator, TEST_CARDS } from './simulator';

const charge = (
  cardNumber: string,
  { simulator = new PaymentSimulator(new InMemoryLedger()), key = 'order_1' } = {},
  signal = new AbortController().signal,
) =>
  simulator.charge(
    {
      idempotencyKey: key,
      amountCents: 1999,
      currency: 'USD',
      cardNumber,
      expMonth: 12,
      expYear: 2099,
      cvc: '123',
    },
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
    const pending = charge(TEST_CARDS.timesOut, {}, controller.signal);
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(PaymentTimeoutError);
  });

  it('answers a repeated key with the same charge, never a second one', async () => {
    const ledger = new InMemoryLedger();
    const simulator = new PaymentSimulator(ledger);
    const first = await charge(TEST_CARDS.succeeds, { simulator });
    expect(await charge(TEST_CARDS.succeeds, { simulator })).toEqual(first);
    expect(ledger.charged()).toHaveLength(1);
  });

  it('resolves an unknown outcome: the charge if made, else the key is cancelled for good', async () => {
    const simulator = new PaymentSimulator(new InMemoryLedger());
    const made = await charge(TEST_CARDS.succeeds, { simulator, key: 'order_a' });
    expect(await simulator.resolve('order_a')).toEqual({
      charged: true,
      paymentId: (made as { paymentId: string }).paymentId,
    });
    expect(await simulator.resolve('order_b')).toEqual({ charged: false });
    expect(await charge(TEST_CARDS.succeeds, { simulator, key: 'order_b' })).toEqual({
      ok: false,
      code: 'processing_error',
    });
  });
});
