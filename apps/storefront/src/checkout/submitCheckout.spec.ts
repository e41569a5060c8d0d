import type { CheckoutRequest, PlacedOrder } from '@portside/contracts';
import { ApiError, NetworkError } from '../api/problem';
import { cart, cartLine } from '../test/fixtures';
import type { CheckoutFormValues } from './checkoutFormModel';
import { submitCheckout, type PlaceOrder } from './submitCheckout';

const values: CheckoutFormValues = {
  email: 'ada@example.com',
  name: 'Ada',
  line1: '1 Harbour Road',
  line2: '',
  city: 'Portsmouth',
  postalCode: '12345',
  country: 'US',
  cardNumber: '4242424242424242',
  expMonth: '12',
  expYear: '30',
  cvc: '123',
};
const twoMugs = cart([cartLine({ quantity: 2 })]);

const problem = (status: number, code?: string) =>
  new ApiError(status, {
    type: `/problems/${code ?? status}`,
    title: 't',
    status,
    ...(code ? { code } : {}),
  });

/** Records each key it is sent and answers from a script: errors to throw, or an order. */
function orderService(...answers: (Error | 'ok')[]) {
  const keys: string[] = [];
  const send: PlaceOrder = async (_request: CheckoutRequest, key: string) => {
    keys.push(key);
    const answer = answers.shift() ?? 'ok';
    if (answer !== 'ok') throw answer;
    return { id: 'order-1', accessToken: 't'.repeat(40) } as PlacedOrder;
  };
  return { send, keys };
}

const attempt = async (submit: Promise<unknown>) => submit.catch(() => undefined);

beforeEach(() => sessionStorage.clear());

describe('the Idempotency-Key of a checkout attempt', () => {
  it('is the same when a submission is retried after the network failed', async () => {
    const service = orderService(new NetworkError(), 'ok');
    await attempt(submitCheckout(twoMugs, values, service.send));
    await submitCheckout(twoMugs, values, service.send);
    expect(service.keys).toHaveLength(2);
    expect(service.keys[1]).toBe(service.keys[0]);
  });

  it('is the same after a server error or an attempt still in flight, whose outcome is unknown', async () => {
    const service = orderService(problem(503), problem(409, 'idempotency_key_in_flight'), 'ok');
    await attempt(submitCheckout(twoMugs, values, service.send));
    await attempt(submitCheckout(twoMugs, values, service.send));
    await submitCheckout(twoMugs, values, service.send);
    expect(new Set(service.keys).size).toBe(1);
  });

  it('survives a reload of the page (kept in sessionStorage) without storing the card', async () => {
    const service = orderService(new NetworkError());
    await attempt(submitCheckout(twoMugs, values, service.send));
    const stored = sessionStorage.getItem('portside.checkoutAttempt') ?? '';
    expect(stored).toContain(service.keys[0]);
    expect(stored).not.toContain('4242');
  });

  it('changes when the cart changes', async () => {
    const service = orderService(new NetworkError(), 'ok');
    await attempt(submitCheckout(twoMugs, values, service.send));
    await submitCheckout(cart([cartLine({ quantity: 3 })]), values, service.send);
    expect(service.keys[1]).not.toBe(service.keys[0]);
  });

  it('changes when what is sent changes, as the API refuses a used key with another body', async () => {
    const service = orderService(new NetworkError(), 'ok');
    await attempt(submitCheckout(twoMugs, values, service.send));
    await submitCheckout(twoMugs, { ...values, city: 'Southampton' }, service.send);
    expect(service.keys[1]).not.toBe(service.keys[0]);
  });

  it('is dropped once the order succeeds, so the next order is a new attempt', async () => {
    const service = orderService('ok', 'ok');
    await submitCheckout(twoMugs, values, service.send);
    expect(sessionStorage.getItem('portside.checkoutAttempt')).toBeNull();
    await submitCheckout(twoMugs, values, service.send);
    expect(service.keys[1]).not.toBe(service.keys[0]);
  });

  it('is dropped after a declined card, which made no order, so trying again is a new attempt', async () => {
    const service = orderService(problem(402, 'card_declined'), 'ok');
    await expect(submitCheckout(twoMugs, values, service.send)).rejects.toMatchObject({
      status: 402,
    });
    await submitCheckout(twoMugs, values, service.send);
    expect(service.keys[1]).not.toBe(service.keys[0]);
  });
});
