import request from 'supertest';
import { closedPort } from '@portside/testkit';
import { startCartUnderTest, type CartUnderTest } from './support/cart-under-test';

let cart: CartUnderTest;
beforeAll(async () => {
  // Nothing listens there: a Redis that is down.
  cart = await startCartUnderTest({ redisUrl: `redis://127.0.0.1:${await closedPort()}` });
});
afterAll(() => cart?.stop());

describe('when Redis is down', () => {
  it('answers cart requests with a 503 problem, not a 500', async () => {
    for (const res of [
      await request(cart.url).post('/api/carts'),
      await request(cart.url).get(`/api/carts/${'A'.repeat(43)}`),
    ]) {
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 503, title: 'Service unavailable' });
    }
  });

  it('reports not ready, while staying alive', async () => {
    const ready = await request(cart.url).get('/readyz').expect(503);
    expect(ready.body).toMatchObject({ ready: false, checks: { redis: 'down' } });
    await request(cart.url).get('/healthz').expect(200);
  });
});
