import { randomUUID } from 'node:crypto';
import { CARDS, call, checkoutBody, placeOrder } from './support/checkout-client';
import { startOrderService, type OrderServiceHarness } from './support/order-service';

/*
 * The checkout saga's metrics, read from GET /metrics as Prometheus scrapes
 * them, after checkouts and a recovery pass whose every effect is known.
 */

const ADMIN_TOKEN = 'order-admin-token-for-tests';
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const LAMP = randomUUID();
let svc: OrderServiceHarness;

beforeAll(async () => {
  svc = await startOrderService({ ADMIN_TOKEN });
  svc.catalog.addProduct(LAMP, { name: 'Desk Lamp', priceCents: 4200, stock: 10 });
});
afterAll(() => svc.close());

const newCart = () =>
  svc.cart.add([{ productId: LAMP, name: 'Desk Lamp', quantity: 1, unitPriceCents: 4200 }]);

const setFaults = (faults: Record<string, string>) =>
  call(svc.baseUrl, 'PUT', '/api/orders/admin/faults', { headers: admin, body: { faults } });

/** The value of the one sample of `name` carrying all of `labels` (other labels ignored). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const values = text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => Object.entries(labels).every(([k, v]) => line.includes(`${k}="${v}"`)))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
  expect({ name, labels, matches: values.length }).toEqual({ name, labels, matches: 1 });
  return values[0];
}

describe('checkout metrics on /metrics', () => {
  let text: string;

  beforeAll(async () => {
    const confirmed = await placeOrder(svc.baseUrl, checkoutBody(newCart()));
    expect(confirmed.status).toBe(201);

    const declinedKey = randomUUID();
    const declinedBody = checkoutBody(newCart(), {
      payment: { cardNumber: CARDS.declined, expMonth: 12, expYear: 2099, cvc: '123' },
    });
    const declined = await placeOrder(svc.baseUrl, declinedBody, declinedKey);
    expect([declined.status, declined.body.code]).toEqual([402, 'card_declined']);
    const replay = await placeOrder(svc.baseUrl, declinedBody, declinedKey);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');

    // Two checkouts left unfinished: one charged with its stock committed, one only created.
    for (const fault of ['after-stock-commit', 'after-order-created']) {
      expect((await setFaults({ [fault]: 'fail' })).status).toBe(200);
      const failed = await placeOrder(svc.baseUrl, checkoutBody(newCart()));
      expect([failed.status, failed.body.code]).toEqual([503, 'fault_injected']);
    }
    expect((await setFaults({})).status).toBe(200);
    // Their runs are gone: expire their leases now rather than wait for them.
    await svc.prisma.$executeRaw`UPDATE idempotency_keys SET locked_at = 'epoch'`;
    const pass = await call(svc.baseUrl, 'POST', '/api/orders/admin/recovery', { headers: admin });
    expect(pass.body).toMatchObject({ ran: true, confirmed: 1, released: 1, failedToFinish: 0 });

    text = await (await fetch(`${svc.baseUrl}/metrics`)).text();
  });

  it('counts each checkout once by outcome, replays apart', () => {
    const outcomes = Object.fromEntries(
      ['confirmed', 'declined', 'replayed', 'failed', 'out_of_stock', 'payment_error'].map(
        (outcome) => [outcome, sample(text, 'portside_checkout_outcomes_total', { outcome })],
      ),
    );
    expect(outcomes).toEqual({
      confirmed: 1,
      declined: 1,
      replayed: 1,
      failed: 2,
      out_of_stock: 0,
      payment_error: 0,
    });
  });

  it('counts the compensations of the decline and of the recovered checkout that never paid', () => {
    const compensations = Object.fromEntries(
      ['release_reservation', 'refund_payment', 'cancel_order'].map((compensation) => [
        compensation,
        sample(text, 'portside_checkout_compensations_total', { compensation }),
      ]),
    );
    expect(compensations).toEqual({ release_reservation: 2, refund_payment: 0, cancel_order: 2 });
  });

  it('counts what recovery did: one driven on to confirmed, one undone', () => {
    const actions = Object.fromEntries(
      ['resumed', 'compensated', 'abandoned'].map((action) => [
        action,
        sample(text, 'portside_checkout_recovery_actions_total', { action }),
      ]),
    );
    expect(actions).toEqual({ resumed: 1, compensated: 1, abandoned: 0 });
  });

  it('times the steps by result, and holds no checkout in flight once all have ended', () => {
    const count = (step: string, result: string) =>
      sample(text, 'portside_checkout_step_duration_seconds_count', { step, result });
    expect({
      readCart: count('read_cart', 'ok'),
      payDeclined: count('pay', 'error'),
      confirmOk: count('confirm', 'ok'),
      confirmFailed: count('confirm', 'error'),
      clearCart: count('clear_cart', 'ok'),
    }).toEqual({ readCart: 4, payDeclined: 1, confirmOk: 1, confirmFailed: 1, clearCart: 1 });
    expect(sample(text, 'portside_checkout_in_flight', {})).toBe(0);
  });

  it("reports the order's database pool", () => {
    expect(
      sample(text, 'portside_db_pool_connections', { pool: 'order', state: 'idle' }),
    ).toBeGreaterThan(0);
    expect(sample(text, 'portside_db_pool_waiting', { pool: 'order' })).toBe(0);
  });
});
