import { randomUUID } from 'node:crypto';
import { Order, OrderHistory } from '@portside/contracts';
import { call, checkoutBody, placeOrder } from './support/checkout-client';
import { startOrderService, type OrderServiceHarness } from './support/order-service';

const BOOK = randomUUID();
let svc: OrderServiceHarness;

beforeAll(async () => {
  svc = await startOrderService();
  svc.catalog.addProduct(BOOK, { name: 'Field Notebook', priceCents: 800, stock: 100 });
});
afterAll(() => svc.close());

async function place(email: string) {
  const cartId = svc.cart.add([
    { productId: BOOK, name: 'Field Notebook', quantity: 1, unitPriceCents: 800 },
  ]);
  const res = await placeOrder(svc.baseUrl, checkoutBody(cartId, { email }));
  expect(res.status).toBe(201);
  return res.body as { id: string; accessToken: string };
}

const get = (path: string, token?: string) =>
  call(svc.baseUrl, 'GET', path, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('GET /api/orders/:id', () => {
  it('shows the order to the holder of its access token', async () => {
    const placed = await place('lin@example.com');
    const res = await get(`/api/orders/${placed.id}`, placed.accessToken);
    expect(res.status).toBe(200);
    const order = Order.parse(res.body);
    expect(order).toMatchObject({ id: placed.id, status: 'confirmed', email: 'lin@example.com' });
    expect(res.body).not.toHaveProperty('accessToken');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it("is invisible (404) without a token, with a wrong token or with another order's token", async () => {
    const mine = await place('lin@example.com');
    const theirs = await place('sam@example.com');
    for (const token of [undefined, 'not-a-real-token', theirs.accessToken]) {
      const res = await get(`/api/orders/${mine.id}`, token);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('answers 404 for a malformed or unknown id, whatever the token', async () => {
    const placed = await place('lin@example.com');
    expect((await get('/api/orders/not-a-uuid', placed.accessToken)).status).toBe(404);
    expect((await get(`/api/orders/${randomUUID()}`, placed.accessToken)).status).toBe(404);
  });
});

describe('GET /api/orders', () => {
  const history = async (tokens: string[]) => {
    const res = await call(svc.baseUrl, 'GET', '/api/orders', {
      headers: { 'order-tokens': tokens.join(', ') },
    });
    expect(res.status).toBe(200);
    return OrderHistory.parse(res.body).items.map((o) => o.id);
  };

  it('lists the orders whose tokens the client presents, newest first', async () => {
    const email = `kim-${randomUUID()}@example.com`;
    const first = await place(email);
    const second = await place(email);

    expect(await history([first.accessToken, second.accessToken])).toEqual([second.id, first.id]);
    const bearer = await get('/api/orders', first.accessToken);
    expect(OrderHistory.parse(bearer.body).items.map((o) => o.id)).toEqual([first.id]);
  });

  it('never shows one shopper the orders of another who typed the same email', async () => {
    const email = `shared-${randomUUID()}@example.com`;
    const victim = await place(email);
    const intruder = await place(email);

    expect(await history([intruder.accessToken])).toEqual([intruder.id]);
    expect(await history([victim.accessToken])).toEqual([victim.id]);
  });

  it('answers 401 without a token and nothing for a token that opens no order', async () => {
    expect((await get('/api/orders')).status).toBe(401);
    expect(await history(['not-a-real-token'])).toEqual([]);
  });

  it('refuses more tokens than it will look up, naming the header', async () => {
    const res = await call(svc.baseUrl, 'GET', '/api/orders', {
      headers: { 'order-tokens': Array.from({ length: 51 }, (_, i) => `t${i}`).join(',') },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'Order-Tokens' })]);
  });
});
