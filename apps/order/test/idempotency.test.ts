import { randomUUID } from 'node:crypto';
import { checkoutBody, placeOrder } from './support/checkout-client';
import { startOrderService, type OrderServiceHarness } from './support/order-service';

const KETTLE = randomUUID();
let svc: OrderServiceHarness;

beforeAll(async () => {
  svc = await startOrderService();
});
afterAll(() => svc.close());

beforeEach(() => {
  svc.catalog.failing.clear();
  svc.catalog.addProduct(KETTLE, { name: 'Copper Kettle', priceCents: 3900, stock: 100 });
});

const newCart = () =>
  svc.cart.add([{ productId: KETTLE, name: 'Copper Kettle', quantity: 1, unitPriceCents: 3900 }]);

describe('Idempotency-Key on POST /api/orders', () => {
  it('makes one order from the same key twice and replays the first answer identically', async () => {
    const key = randomUUID();
    const body = checkoutBody(newCart());
    const first = await placeOrder(svc.baseUrl, body, key);
    const second = await placeOrder(svc.baseUrl, body, key);

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(await svc.prisma.order.count({ where: { id: first.body.id as string } })).toBe(1);
    expect(svc.catalog.stockOf(KETTLE)).toBe(99);
  });

  it('treats formatting differences of the same request as the same body', async () => {
    const key = randomUUID();
    const body = checkoutBody(newCart());
    const first = await placeOrder(svc.baseUrl, body, key);
    const reformatted = { ...body, payment: { ...body.payment, cardNumber: '4242424242424242' } };
    const second = await placeOrder(svc.baseUrl, reformatted, key);
    expect(second.body).toEqual(first.body);
  });

  it('refuses the same key with a different body: 422 idempotency_key_reused', async () => {
    const key = randomUUID();
    const cartId = newCart();
    await placeOrder(svc.baseUrl, checkoutBody(cartId), key);
    const res = await placeOrder(
      svc.baseUrl,
      checkoutBody(cartId, { email: 'grace@example.com' }),
      key,
    );
    expect([res.status, res.body.code]).toEqual([422, 'idempotency_key_reused']);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers a repeat while the first still runs with 409 and Retry-After, then replays the answer', async () => {
    const key = randomUUID();
    const body = checkoutBody(newCart());
    let release!: () => void;
    svc.catalog.hold = new Promise((resolve) => (release = resolve));
    const reserving = new Promise<void>((resolve) => (svc.catalog.onReserve = resolve));
    try {
      const first = placeOrder(svc.baseUrl, body, key);
      await reserving;
      const repeat = await placeOrder(svc.baseUrl, body, key);
      expect([repeat.status, repeat.body.code]).toEqual([409, 'idempotency_key_in_flight']);
      expect(repeat.headers.get('content-type')).toContain('application/problem+json');
      expect(Number(repeat.headers.get('retry-after'))).toBeGreaterThan(0);
      release();
      expect((await first).status).toBe(201);
    } finally {
      release();
      svc.catalog.hold = undefined;
      svc.catalog.onReserve = undefined;
    }
    const replay = await placeOrder(svc.baseUrl, body, key);
    expect([replay.status, replay.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
  });

  it('makes exactly one order from twenty concurrent requests with one key', async () => {
    const key = randomUUID();
    const email = `twenty-${randomUUID()}@example.com`;
    const body = checkoutBody(newCart(), { email });
    const reservationsBefore = svc.catalog.reservations.size;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => placeOrder(svc.baseUrl, body, key)),
    );

    const created = answers.filter((a) => a.status === 201);
    const inFlight = answers.filter((a) => a.status === 409);
    expect(created.length + inFlight.length).toBe(20);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const a of inFlight) expect(a.body.code).toBe('idempotency_key_in_flight');
    for (const a of created) expect(a.body).toEqual(created[0]!.body);
    expect(await svc.prisma.order.count({ where: { email } })).toBe(1);
    expect(svc.catalog.reservations.size - reservationsBefore).toBe(1);

    const replay = await placeOrder(svc.baseUrl, body, key);
    expect(replay.body).toEqual(created[0]!.body);
  });

  it('stores a decline and replays it rather than charging again', async () => {
    const key = randomUUID();
    const body = checkoutBody(newCart());
    const declined = { ...body, payment: { ...body.payment, cardNumber: '4000000000000002' } };
    const first = await placeOrder(svc.baseUrl, declined, key);
    const second = await placeOrder(svc.baseUrl, declined, key);
    expect([first.status, first.body.code]).toEqual([402, 'card_declined']);
    expect(second.status).toBe(402);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
  });

  it('releases a key that made no order after an unavailable answer, so a retry with it succeeds', async () => {
    const key = randomUUID();
    const body = checkoutBody(newCart());
    svc.catalog.failing.add('reserve');
    const first = await placeOrder(svc.baseUrl, body, key);
    expect(first.status).toBe(503);

    svc.catalog.failing.delete('reserve');
    const retry = await placeOrder(svc.baseUrl, body, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBeNull();
  });

  it('counts checkouts by outcome on /metrics, replays apart', async () => {
    const text = await (await fetch(`${svc.baseUrl}/metrics`)).text();
    expect(text).toMatch(
      /order_checkouts_total\{outcome="confirmed",replayed="false"[^}]*\} [1-9]/,
    );
    expect(text).toMatch(
      /order_checkouts_total\{outcome="card_declined",replayed="true"[^}]*\} [1-9]/,
    );
  });

  it('rejects a malformed key, naming the header', async () => {
    const res = await placeOrder(svc.baseUrl, checkoutBody(newCart()), 'short');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
  });
});
