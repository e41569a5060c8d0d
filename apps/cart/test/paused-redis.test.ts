import {
  startRedisContainer,
  startServiceProcess,
  type PausableContainer,
  type ServiceProcess,
} from '@portside/testkit';
import { startFakeCatalog, type FakeCatalog } from './support/fake-catalog';

/*
 * The cart service as its container runs it (src/main.ts, default timeouts),
 * against a Redis of its own that the test freezes with `docker pause`: the
 * socket stays open and nothing answers, the case client timeouts exist for.
 */
let redis: PausableContainer;
let catalog: FakeCatalog;
let cart: ServiceProcess;

beforeAll(async () => {
  [redis, catalog] = await Promise.all([startRedisContainer(), startFakeCatalog()]);
  cart = await startServiceProcess('cart', { REDIS_URL: redis.url, CATALOG_URL: catalog.url });
}, 120_000);

afterAll(async () => {
  await cart?.stop();
  await catalog?.close();
  await redis?.stop();
});

// A bound for the test run only, far above the service's own timeouts: a hang shows as "aborted".
const send = (path: string, init: RequestInit = {}) =>
  fetch(cart.url + path, { ...init, signal: AbortSignal.timeout(15_000) });

describe('with its Redis paused', () => {
  it('answers a cart read with a 503 problem, reports not ready, and serves again once Redis is back', async () => {
    const product = catalog.add({ stock: 5 });
    const created = await send('/api/carts', { method: 'POST' });
    const { id } = (await created.json()) as { id: string };
    const put = await send(`/api/carts/${id}/items/${product.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ quantity: 2 }),
    });
    expect(put.status).toBe(200);

    await redis.pause();
    try {
      const read = await send(`/api/carts/${id}`);
      expect(read.status).toBe(503);
      expect(read.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await read.json()).toMatchObject({ status: 503 });

      const ready = await send('/readyz');
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ ready: false, checks: { redis: 'down' } });
      expect((await send('/healthz')).status).toBe(200);
    } finally {
      await redis.unpause();
    }

    const again = await send(`/api/carts/${id}`);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ lines: [{ productId: product.id, quantity: 2 }] });
  }, 60_000);
});
