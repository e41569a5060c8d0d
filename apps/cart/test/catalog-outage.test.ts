import request from 'supertest';
import { CreatedCart } from '@portside/contracts';
import { startCartUnderTest, type CartUnderTest } from './support/cart-under-test';

let cart: CartUnderTest;
beforeAll(async () => {
  cart = await startCartUnderTest({ catalogTimeoutMs: 300 });
});
afterEach(() => cart.catalog.failAll(false));
afterAll(() => cart?.stop());

async function cartWithOneLine(): Promise<{ id: string; productId: string }> {
  const productId = cart.catalog.add().id;
  const id = CreatedCart.parse((await request(cart.url).post('/api/carts').expect(201)).body).id;
  await request(cart.url)
    .put(`/api/carts/${id}/items/${productId}`)
    .send({ quantity: 1 })
    .expect(200);
  return { id, productId };
}

function expectUnavailable(res: request.Response) {
  expect(res.status).toBe(503);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 503, title: 'Service unavailable' });
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.ts:\d+/);
}

describe('when the catalog is down', () => {
  it('answers a cart read with a 503 problem after retrying', async () => {
    const { id } = await cartWithOneLine();
    cart.catalog.failAll(true);
    const before = cart.catalog.requests.length;
    expectUnavailable(await request(cart.url).get(`/api/carts/${id}`));
    expect(cart.catalog.requests.length - before).toBe(3);
  });

  it('answers a quantity change with a 503 problem and leaves the cart as it was', async () => {
    const { id, productId } = await cartWithOneLine();
    cart.catalog.failAll(true);
    expectUnavailable(
      await request(cart.url).put(`/api/carts/${id}/items/${productId}`).send({ quantity: 5 }),
    );
    expect(await cart.raw.hget(cart.keyOf(id), productId)).toBe('1');
  });

  it('answers 503 when the catalog does not answer in time', async () => {
    const { id } = await cartWithOneLine();
    const held = cart.catalog.holdRequests();
    try {
      expectUnavailable(await request(cart.url).get(`/api/carts/${id}`));
    } finally {
      held.release();
    }
  });

  it('still lets carts be created, emptied and deleted', async () => {
    const { id, productId } = await cartWithOneLine();
    cart.catalog.failAll(true);
    await request(cart.url).post('/api/carts').expect(201);
    await request(cart.url).delete(`/api/carts/${id}/items/${productId}`).expect(204);
    await request(cart.url).delete(`/api/carts/${id}`).expect(204);
  });

  it('stays ready: only Redis decides readiness', async () => {
    cart.catalog.failAll(true);
    const res = await request(cart.url).get('/readyz').expect(200);
    expect(res.body).toMatchObject({ ready: true, checks: { redis: 'up' } });
    expect(Object.keys(res.body.checks)).toEqual(['redis']);
  });
});
