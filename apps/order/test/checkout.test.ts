import { randomUUID } from 'node:crypto';
import { PlacedOrder, Problem } from '@portside/contracts';
import { CARDS, checkoutBody, placeOrder } from './support/checkout-client';
import { startOrderService, type OrderServiceHarness } from './support/order-service';

const LAMP = randomUUID();
const MUG = randomUUID();

let svc: OrderServiceHarness;

beforeAll(async () => {
  svc = await startOrderService();
});
afterAll(() => svc.close());

beforeEach(() => {
  svc.catalog.failing.clear();
  svc.cart.down = false;
  svc.catalog.addProduct(LAMP, { name: 'Brass Desk Lamp', priceCents: 4500, stock: 10 });
  svc.catalog.addProduct(MUG, { name: 'Stoneware Mug', priceCents: 1200, stock: 10 });
});

/** A cart whose prices are stale (1 cent): the order must charge catalog's prices. */
const newCart = () =>
  svc.cart.add([
    { productId: LAMP, name: 'Brass Desk Lamp', quantity: 1, unitPriceCents: 1 },
    { productId: MUG, name: 'Stoneware Mug', quantity: 2, unitPriceCents: 1 },
  ]);

const ordersByStatus = async () =>
  Object.fromEntries(
    (await svc.prisma.order.groupBy({ by: ['status'], _count: true })).map((g) => [
      g.status,
      g._count,
    ]),
  );

describe('POST /api/orders', () => {
  it('places an order at catalog prices, commits the stock and clears the cart', async () => {
    const cartId = newCart();
    const res = await placeOrder(svc.baseUrl, checkoutBody(cartId));

    expect(res.status).toBe(201);
    const order = PlacedOrder.parse(res.body);
    expect(order).toMatchObject({
      status: 'confirmed',
      subtotalCents: 6900,
      shippingCents: 0,
      totalCents: 6900,
      payment: { brand: 'visa', last4: '4242' },
      shippingAddress: { country: 'GB' },
    });
    expect(order.lines.map((l) => [l.name, l.quantity, l.unitPriceCents])).toEqual([
      ['Brass Desk Lamp', 1, 4500],
      ['Stoneware Mug', 2, 1200],
    ]);
    expect(order.accessToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(svc.catalog.stockOf(LAMP)).toBe(9);
    expect(svc.catalog.pendingReservations()).toBe(0);
    expect(svc.cart.cleared).toContain(cartId);
  });

  it('adds flat shipping below the free-shipping threshold', async () => {
    const cartId = svc.cart.add([
      { productId: MUG, name: 'Stoneware Mug', quantity: 1, unitPriceCents: 1200 },
    ]);
    const res = await placeOrder(svc.baseUrl, checkoutBody(cartId));
    expect(res.body).toMatchObject({ subtotalCents: 1200, shippingCents: 499, totalCents: 1699 });
  });

  it('answers 400 problem+json naming the field for invalid input', async () => {
    const res = await placeOrder(svc.baseUrl, checkoutBody(newCart(), { email: 'not-an-email' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(Problem.parse(res.body).errors).toEqual([
      { field: 'email', message: expect.any(String) },
    ]);
  });

  it('names nested fields, e.g. a missing shippingAddress.city', async () => {
    const body = checkoutBody(newCart());
    const { city: _city, ...address } = body.shippingAddress;
    const res = await placeOrder(svc.baseUrl, { ...body, shippingAddress: address });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { field: 'shippingAddress.city', message: expect.any(String) },
    ]);
  });

  it('rejects unknown keys, such as a price sent by the client', async () => {
    const res = await placeOrder(svc.baseUrl, { ...checkoutBody(newCart()), totalCents: 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'totalCents', message: 'is not a known field' }]);
  });

  it('requires an Idempotency-Key header, naming it', async () => {
    const res = await placeOrder(svc.baseUrl, checkoutBody(newCart()), null);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'Idempotency-Key', message: 'is required' }]);
  });

  it('rejects an expired card, naming payment.expYear, and holds no stock', async () => {
    const body = checkoutBody(newCart());
    const res = await placeOrder(svc.baseUrl, {
      ...body,
      payment: { ...body.payment, expYear: 2001 },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'payment.expYear', message: expect.any(String) }]);
    expect(svc.catalog.pendingReservations()).toBe(0);
  });

  it('answers 404 cart_not_found for an unknown cart', async () => {
    const res = await placeOrder(svc.baseUrl, checkoutBody('unknown-cart-id-0000000000'));
    expect([res.status, res.body.code]).toEqual([404, 'cart_not_found']);
  });

  it('answers 409 cart_empty for an empty cart', async () => {
    const res = await placeOrder(svc.baseUrl, checkoutBody(svc.cart.add([])));
    expect([res.status, res.body.code]).toEqual([409, 'cart_empty']);
  });

  it('rejects a checkout when stock runs out, naming the product, and writes no order', async () => {
    svc.catalog.addProduct(MUG, { name: 'Stoneware Mug', priceCents: 1200, stock: 1 });
    const before = await svc.prisma.order.count();
    const res = await placeOrder(svc.baseUrl, checkoutBody(newCart()));
    expect([res.status, res.body.code]).toEqual([409, 'out_of_stock']);
    expect(res.body.products).toEqual([{ productId: MUG, name: 'Stoneware Mug' }]);
    expect(res.body.detail).toContain('Stoneware Mug');
    expect(await svc.prisma.order.count()).toBe(before);
    expect(svc.catalog.stockOf(LAMP)).toBe(10);
  });

  it('confirms no order for a declined card and releases the reservation', async () => {
    const before = await ordersByStatus();
    const body = checkoutBody(newCart());
    const res = await placeOrder(svc.baseUrl, {
      ...body,
      payment: { ...body.payment, cardNumber: CARDS.declined },
    });

    expect([res.status, res.body.code]).toEqual([402, 'card_declined']);
    expect(await ordersByStatus()).toEqual({ ...before, failed: (before.failed ?? 0) + 1 });
    expect(svc.catalog.stockOf(LAMP)).toBe(10);
    expect(svc.catalog.stockOf(MUG)).toBe(10);
    expect(svc.catalog.pendingReservations()).toBe(0);
  });

  it('gives up on a payment that never answers: 503 payment_timeout, stock released', async () => {
    const body = checkoutBody(newCart());
    const res = await placeOrder(svc.baseUrl, {
      ...body,
      payment: { ...body.payment, cardNumber: CARDS.timesOut },
    });
    expect([res.status, res.body.code]).toEqual([503, 'payment_timeout']);
    expect(svc.catalog.stockOf(MUG)).toBe(10);
    expect(svc.catalog.pendingReservations()).toBe(0);
  });

  it('answers 503 when catalog cannot reserve, with no order and no reservation', async () => {
    svc.catalog.failing.add('reserve');
    const before = await svc.prisma.order.count();
    const res = await placeOrder(svc.baseUrl, checkoutBody(newCart()));
    expect([res.status, res.body.code]).toEqual([503, 'catalog_unavailable']);
    expect(await svc.prisma.order.count()).toBe(before);
    expect(svc.catalog.pendingReservations()).toBe(0);
  });

  it('answers 503 when catalog cannot commit, keeps the paid order, and a retry with the key confirms it', async () => {
    svc.catalog.failing.add('commit');
    const before = await ordersByStatus();
    const key = randomUUID();
    const body = checkoutBody(newCart());
    const res = await placeOrder(svc.baseUrl, body, key);
    expect([res.status, res.body.code]).toEqual([503, 'catalog_unavailable']);
    expect(await ordersByStatus()).toEqual({ ...before, pending: (before.pending ?? 0) + 1 });

    svc.catalog.failing.delete('commit');
    const retried = await placeOrder(svc.baseUrl, body, key);
    expect([retried.status, retried.body.status]).toEqual([201, 'confirmed']);
    expect(await ordersByStatus()).toEqual({
      ...before,
      confirmed: (before.confirmed ?? 0) + 1,
    });
    expect(svc.catalog.pendingReservations()).toBe(0);
    const again = await placeOrder(svc.baseUrl, body, key);
    expect([again.status, again.body.id]).toEqual([201, retried.body.id]);
  });

  it('answers 503 when the cart service is down, holding no stock', async () => {
    const cartId = newCart();
    svc.cart.down = true;
    const res = await placeOrder(svc.baseUrl, checkoutBody(cartId));
    expect([res.status, res.body.code]).toEqual([503, 'cart_unavailable']);
    expect(svc.catalog.pendingReservations()).toBe(0);
  });

  it('makes exactly five orders from fifty concurrent checkouts of a product with stock 5', async () => {
    const CLOCK = randomUUID();
    svc.catalog.addProduct(CLOCK, { name: 'Station Clock', priceCents: 9900, stock: 5 });
    const email = `race-${randomUUID()}@example.com`;
    const carts = Array.from({ length: 50 }, () =>
      svc.cart.add([
        { productId: CLOCK, name: 'Station Clock', quantity: 1, unitPriceCents: 9900 },
      ]),
    );
    const answers = await Promise.all(
      carts.map((cartId) => placeOrder(svc.baseUrl, checkoutBody(cartId, { email }))),
    );

    const outcomes = answers.map((a) => `${a.status} ${a.body.code ?? ''}`.trim()).sort();
    expect(outcomes).toEqual([...Array(5).fill('201'), ...Array(45).fill('409 out_of_stock')]);
    expect(await svc.prisma.order.count({ where: { email, status: 'confirmed' } })).toBe(5);
    expect(svc.catalog.stockOf(CLOCK)).toBe(0);
    expect(svc.catalog.pendingReservations()).toBe(0);
  });

  it('never stores or logs the card number or cvc', async () => {
    const body = checkoutBody(newCart());
    const res = await placeOrder(svc.baseUrl, {
      ...body,
      payment: { ...body.payment, cvc: '987' },
    });
    expect(res.status).toBe(201);
    const dump = await svc.prisma.$queryRaw<Array<{ dump: string }>>`
      SELECT (SELECT coalesce(string_agg(o::text, ' '), '') FROM orders o)
          || (SELECT coalesce(string_agg(l::text, ' '), '') FROM order_lines l)
          || (SELECT coalesce(string_agg(k::text, ' '), '') FROM idempotency_keys k) AS dump`;
    const stored = dump[0]!.dump;
    expect(stored).toContain('4242');
    expect(stored).not.toContain('4242424242424242');
    // Quoted: hashes and sealed (base64) answers never contain a quote, so these cannot match by chance.
    expect(stored).not.toMatch(/"cvc"|"987"/);
    expect(stored).not.toContain(res.body.accessToken as string);
    const logs = svc.logs.join('');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toContain('4242424242424242');
    expect(logs).not.toContain('4242 4242 4242 4242');
  });
});
