import { randomUUID } from 'node:crypto';
import {
  runServiceScript,
  startPostgresContainer,
  startRedis,
  startServiceProcess,
  type PausableContainer,
  type ServiceProcess,
} from '@portside/testkit';
import { ADMIN_TOKEN, INTERNAL_TOKEN } from './support/catalog-under-test';

/*
 * The catalog as its container runs it (src/main.ts, default timeouts) against
 * a PostgreSQL of its own that the test freezes with `docker pause`: connections
 * stay open and nothing answers, the case connect and statement timeouts exist for.
 */
let postgres: PausableContainer;
let catalog: ServiceProcess;

beforeAll(async () => {
  const redis = await startRedis();
  postgres = await startPostgresContainer();
  const databaseUrl = postgres.url.replace(/\/postgres$/, '/catalog');
  await runServiceScript('catalog', 'migrate.ts', { DATABASE_URL: databaseUrl });
  catalog = await startServiceProcess('catalog', {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redis.keyPrefix,
    ADMIN_TOKEN,
    INTERNAL_TOKEN,
  });
}, 180_000);

afterAll(async () => {
  await catalog?.stop();
  await postgres?.stop();
});

// A bound for the test run only, far above the service's own timeouts: a hang shows as "aborted".
const send = (path: string, init: RequestInit = {}) =>
  fetch(catalog.url + path, { ...init, signal: AbortSignal.timeout(20_000) });

describe('with its PostgreSQL paused', () => {
  it('answers reads and reservations with 503 problems, reports the database down, and recovers', async () => {
    await postgres.pause();
    try {
      const read = await send(`/api/products/${randomUUID()}`);
      expect(read.status).toBe(503);
      expect(read.headers.get('content-type')).toMatch(/^application\/problem\+json/);

      const reserve = await send('/internal/reservations', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${INTERNAL_TOKEN}` },
        body: JSON.stringify({ lines: [{ productId: randomUUID(), quantity: 1 }], ttlSeconds: 60 }),
      });
      expect(reserve.status).toBe(503);
      expect(reserve.headers.get('content-type')).toMatch(/^application\/problem\+json/);

      const ready = await send('/readyz');
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ ready: false, checks: { db: 'down' } });
    } finally {
      await postgres.unpause();
    }
    expect((await send('/api/products?limit=1')).status).toBe(200);
  }, 90_000);
});
