import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
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
 * The database roles script of Compose and Kubernetes
 * (deploy/k8s/components/in-cluster-data/init-roles.sh) on a
 * fresh PostgreSQL: the catalog migrates as its owner role and runs as its app
 * role, which can use rows but not change the schema or reach orders' database.
 */
const PASSWORDS = {
  CATALOG_OWNER_PASSWORD: 'owner-secret-for-this-test',
  CATALOG_APP_PASSWORD: 'app-secret-for-this-test',
  ORDERS_OWNER_PASSWORD: 'orders-owner-secret-for-this-test',
  ORDERS_APP_PASSWORD: 'orders-app-secret-for-this-test',
};
const INIT = path.resolve(
  __dirname,
  '../../../deploy/k8s/components/in-cluster-data/init-roles.sh',
);

let postgres: PausableContainer;
let catalog: ServiceProcess;
const urlAs = (role: string, password: string, database: string) => {
  const url = new URL(postgres.url);
  url.username = role;
  url.password = password;
  url.pathname = `/${database}`;
  return url.toString();
};
const catalogApp = () => urlAs('catalog_app', PASSWORDS.CATALOG_APP_PASSWORD, 'catalog');

async function asRole<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  postgres = await startPostgresContainer();
  const server = new URL(postgres.url);
  const provision = () =>
    promisify(execFile)('sh', [INIT], {
      env: {
        ...process.env,
        ...PASSWORDS,
        PGHOST: server.hostname,
        PGPORT: server.port,
        PGUSER: decodeURIComponent(server.username),
        PGPASSWORD: decodeURIComponent(server.password),
      },
    });
  await provision();
  // Compose runs it on every start: a second run must change nothing and fail on nothing.
  await provision();
  await runServiceScript('catalog', 'migrate.ts', {
    DATABASE_URL: urlAs('catalog_owner', PASSWORDS.CATALOG_OWNER_PASSWORD, 'catalog'),
  });
  const redis = await startRedis();
  catalog = await startServiceProcess('catalog', {
    DATABASE_URL: catalogApp(),
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

describe('the catalog database roles', () => {
  it('let the service run as its app role: reads, reservations and admin writes work', async () => {
    const page = (await (await send('/api/products?limit=1')).json()) as {
      items: Array<{ id: string; stock: number }>;
    };
    const product = page.items[0]!;
    const stock = await send(`/api/products/${product.id}/stock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ stock: product.stock + 1 }),
    });
    expect(stock.status).toBe(200);
    const hold = await send('/internal/reservations', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${INTERNAL_TOKEN}` },
      body: JSON.stringify({ lines: [{ productId: product.id, quantity: 1 }], ttlSeconds: 60 }),
    });
    expect(hold.status).toBe(201);
  });

  it('refuse the app role any change to the schema', async () => {
    await asRole(catalogApp(), async (client) => {
      for (const ddl of [
        'CREATE TABLE intruder (id int)',
        'DROP TABLE products',
        'ALTER TABLE products ADD COLUMN hacked text',
        'TRUNCATE products',
      ]) {
        await expect(client.query(ddl)).rejects.toMatchObject({
          code: expect.stringMatching(/^42501$/),
        });
      }
    });
  });

  it("keep each service's roles out of the other service's database", async () => {
    await expect(
      asRole(urlAs('orders_app', PASSWORDS.ORDERS_APP_PASSWORD, 'catalog'), (c) =>
        c.query('SELECT 1'),
      ),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(
      asRole(urlAs('catalog_app', PASSWORDS.CATALOG_APP_PASSWORD, 'orders'), (c) =>
        c.query('SELECT 1'),
      ),
    ).rejects.toMatchObject({ code: '42501' });
  });
});

/*
 * The same catalog with its PostgreSQL frozen by `docker pause`: connections stay
 * open and nothing answers, the case connect and statement timeouts exist for.
 */
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
      expect(await ready.json()).toMatchObject({ ready: false, checks: { postgres: 'down' } });
    } finally {
      await postgres.unpause();
    }
    expect((await send('/api/products?limit=1')).status).toBe(200);
  }, 90_000);
});
