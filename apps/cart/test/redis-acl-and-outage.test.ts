import { Redis } from 'ioredis';
import {
  startRedisContainer,
  startServiceProcess,
  type PausableContainer,
  type ServiceProcess,
} from '@portside/testkit';
import { composeRedisArgs, withOption } from './support/compose-redis-args';
import { startFakeCatalog, type FakeCatalog } from './support/fake-catalog';

/*
 * The cart service as its container runs it (src/main.ts, default timeouts), as the
 * `cart` ACL user of a Redis started with the Compose stack's own options (memory
 * lowered to fill it quickly). The test freezes Redis with `docker pause` (the socket
 * stays open and nothing answers, the case client timeouts exist for) and fills it.
 */
const PASSWORDS = {
  REDIS_CART_PASSWORD: 'cart-password-of-this-test',
  REDIS_CATALOG_PASSWORD: 'catalog-password-of-this-test',
};
let redis: PausableContainer;
let catalog: FakeCatalog;
let cart: ServiceProcess;
const as = (user: string, password: string) => {
  const url = new URL(redis.url);
  url.username = user;
  url.password = password;
  return url.toString();
};

beforeAll(async () => {
  const args = withOption(composeRedisArgs(PASSWORDS), '--maxmemory', '3mb');
  [redis, catalog] = await Promise.all([startRedisContainer(args), startFakeCatalog()]);
  cart = await startServiceProcess('cart', {
    REDIS_URL: as('cart', PASSWORDS.REDIS_CART_PASSWORD),
    CATALOG_URL: catalog.url,
  });
}, 120_000);

afterAll(async () => {
  await cart?.stop();
  await catalog?.close();
  await redis?.stop();
});

// A bound for the test run only, far above the service's own timeouts: a hang shows as "aborted".
const send = (path: string, init: RequestInit = {}) =>
  fetch(cart.url + path, { ...init, signal: AbortSignal.timeout(15_000) });

async function cartWithLine(productId: string): Promise<string> {
  const { id } = (await (await send('/api/carts', { method: 'POST' })).json()) as { id: string };
  const put = await send(`/api/carts/${id}/items/${productId}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ quantity: 2 }),
  });
  expect(put.status).toBe(200);
  return id;
}

async function withClient<T>(url: string, work: (r: Redis) => Promise<T>): Promise<T> {
  const client = new Redis(url, {
    maxRetriesPerRequest: 0,
    lazyConnect: true,
    // Its INFO would fail without credentials and close the connection before the test's command.
    enableReadyCheck: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return await work(client);
  } finally {
    client.disconnect();
  }
}

describe('Redis as the Compose stack runs it', () => {
  it('refuses anonymous clients and keeps each service to its own keys', async () => {
    await expect(withClient(redis.url, (r) => r.get('cart:x'))).rejects.toThrow(/NOAUTH|WRONGPASS/);
    await withClient(as('cart', PASSWORDS.REDIS_CART_PASSWORD), async (r) => {
      await expect(r.get('catalog:version:products')).rejects.toThrow(/NOPERM/);
      await expect(r.flushall()).rejects.toThrow(/NOPERM/);
    });
  });

  it('when full, refuses new carts with a 503 problem and keeps every cart it holds', async () => {
    const product = catalog.add({ stock: 5 });
    const kept = await cartWithLine(product.id);
    // Fill what is left with a key the cart user may write, until Redis refuses.
    const fillers: string[] = [];
    await withClient(as('cart', PASSWORDS.REDIS_CART_PASSWORD), async (r) => {
      const chunk = 'x'.repeat(16 * 1024);
      for (let i = 0; i < 1_000; i++) {
        const refused = await r.set(`cart:filler:${i}`, chunk).then(
          () => false,
          (err: Error) => /OOM/.test(err.message),
        );
        if (refused) return;
        fillers.push(`cart:filler:${i}`);
      }
      throw new Error('Redis never ran out of memory: is maxmemory set?');
    });
    // Whatever room is left goes to new carts, until Redis refuses one: a 503, never a 500.
    let refused: Response | undefined;
    for (let i = 0; i < 1_000 && !refused; i++) {
      const created = await send('/api/carts', { method: 'POST' });
      if (created.status !== 201) refused = created;
      else await created.body?.cancel();
    }
    expect(refused?.status).toBe(503);
    expect(refused?.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    // Full, even a read (which slides the cart's expiry) may be refused: a 503 too, never a 500.
    expect([200, 503]).toContain((await send(`/api/carts/${kept}`)).status);
    await withClient(as('cart', PASSWORDS.REDIS_CART_PASSWORD), (r) => r.del(...fillers));
    // Nothing was evicted to make room: the cart is whole once there is room again.
    const read = await send(`/api/carts/${kept}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ lines: [{ productId: product.id, quantity: 2 }] });
  });

  it('paused: answers a cart read with a 503 problem, reports not ready, and serves again once back', async () => {
    const product = catalog.add({ stock: 5 });
    const id = await cartWithLine(product.id);
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
