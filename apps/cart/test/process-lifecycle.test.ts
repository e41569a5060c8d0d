import { CreatedCart, Cart } from '@portside/contracts';
import { startFakeCatalog, type FakeCatalog } from './support/fake-catalog';
import { deleteKeysWithPrefix, rawRedis, startRedis, type TestRedis } from './support/redis';
import { spawnCartService, type SpawnedService } from './support/spawn-service';

let catalog: FakeCatalog;
let redis: TestRedis;
const running: SpawnedService[] = [];

beforeAll(async () => {
  catalog = await startFakeCatalog();
  redis = await startRedis();
});
afterAll(async () => {
  for (const service of running) if (service.child.exitCode === null) service.child.kill('SIGKILL');
  await catalog?.close();
  if (!redis) return;
  const raw = rawRedis(redis.url);
  await deleteKeysWithPrefix(raw, redis.keyPrefix);
  await raw.quit();
  await redis.stop();
});

function start(env: Record<string, string>): SpawnedService {
  const service = spawnCartService(env);
  running.push(service);
  return service;
}

describe('the cart process', () => {
  it('finishes an in-flight request on SIGTERM, then exits 0', async () => {
    const service = start({
      PORT: '0',
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: redis.keyPrefix,
      CATALOG_URL: catalog.url,
      LOG_LEVEL: 'info',
    });
    const { port } = await service.logLine((l) => l.msg === 'listening');
    const base = `http://127.0.0.1:${port}`;

    const product = catalog.add({ priceCents: 700 });
    const created = await fetch(`${base}/api/carts`, { method: 'POST' });
    const { id } = CreatedCart.parse(await created.json());
    const put = await fetch(`${base}/api/carts/${id}/items/${product.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ quantity: 2 }),
    });
    expect(put.status).toBe(200);

    // The cart read waits on the catalog, so it is still in flight when the signal lands.
    const held = catalog.holdRequests();
    const inFlight = fetch(`${base}/api/carts/${id}`);
    await held.arrived;
    service.child.kill('SIGTERM');
    await service.logLine((l) => l.msg === 'shutting down: readiness off');
    held.release();

    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(Cart.parse(await res.json())).toMatchObject({ id, itemCount: 2, subtotalCents: 1400 });
    expect(await service.exited).toEqual({ code: 0, signal: null });
    await service.logLine((l) => l.msg === 'shutdown complete');
  });

  it('refuses to start without CATALOG_URL, naming it', async () => {
    const service = start({ PORT: '0', REDIS_URL: redis.url });
    expect((await service.exited).code).toBe(1);
    expect(service.stderr()).toMatch(/CATALOG_URL/);
  });

  it('refuses to start with a CART_TTL_SECONDS that is not a number, naming it', async () => {
    const service = start({
      PORT: '0',
      REDIS_URL: redis.url,
      CATALOG_URL: catalog.url,
      CART_TTL_SECONDS: 'a week',
    });
    expect((await service.exited).code).toBe(1);
    expect(service.stderr()).toMatch(/CART_TTL_SECONDS/);
  });
});
