import { randomBytes } from 'node:crypto';
import {
  createTestDatabase,
  freePort,
  postgresServer,
  runServiceScript,
  startRedis,
  startServiceProcess,
  type ServiceName,
  type ServiceProcess,
  type TestDatabase,
} from '@portside/testkit';
import { startEdgeProxy } from './edge-proxy';

/*
 * When no deployed stack is given (LOADTEST_BASE_URL unset), the journey test starts the
 * real services on this host: their own entry points through tsx (as `npm run dev` does),
 * against testkit's PostgreSQL and Redis (TEST_POSTGRES_URL and TEST_REDIS_URL, else
 * containers it starts), with databases and Redis keys unique to this run, behind a proxy that
 * routes /api/* as the edge does.
 */

export type Stack = {
  baseUrl: string;
  stop: () => Promise<void>;
  /** The catalog's admin token, when this run started the services. */
  adminToken?: string;
  /** Each service's own address, when this run started them. */
  services?: Record<'catalog' | 'cart' | 'order', string>;
};

export async function startHostStack(): Promise<Stack> {
  const id = `lt_${randomBytes(4).toString('hex')}`;
  const databases: TestDatabase[] = [];
  const redis = await startRedis();
  const ports = { catalog: await freePort(), cart: await freePort(), order: await freePort() };
  const urls = {
    catalog: `http://127.0.0.1:${ports.catalog}`,
    cart: `http://127.0.0.1:${ports.cart}`,
    order: `http://127.0.0.1:${ports.order}`,
  };
  const started: ServiceProcess[] = [];
  const internalToken = randomBytes(16).toString('hex');
  const adminToken = randomBytes(16).toString('hex');
  let edge: { url: string; stop: () => Promise<void> } | undefined;

  const stop = async () => {
    await edge?.stop();
    await Promise.all(started.map((service) => service.stop()));
    await Promise.all(databases.map((database) => database.drop()));
    // Containers testkit started for this run (none when the URLs came from the environment).
    await redis.stop();
    await postgresServer().then(
      (server) => server.stop(),
      () => undefined,
    );
  };
  const start = async (app: ServiceName, env: Record<string, string>) => {
    started.push(await startServiceProcess(app, env, ports[app]));
  };

  try {
    const [catalogDb, ordersDb] = await Promise.all([
      createTestDatabase(`portside_${id}_catalog`),
      createTestDatabase(`portside_${id}_orders`),
    ]);
    databases.push(catalogDb, ordersDb);
    await Promise.all([
      runServiceScript('catalog', 'migrate.ts', { DATABASE_URL: catalogDb.url }),
      runServiceScript('order', 'migrate.ts', { DATABASE_URL: ordersDb.url }),
    ]);
    await Promise.all([
      start('catalog', {
        DATABASE_URL: catalogDb.url,
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: `${redis.keyPrefix}${id}:catalog:`,
        ADMIN_TOKEN: adminToken,
        INTERNAL_TOKEN: internalToken,
      }),
      start('cart', {
        REDIS_URL: redis.url,
        REDIS_KEY_PREFIX: `${redis.keyPrefix}${id}:cart:`,
        CATALOG_URL: urls.catalog,
      }),
      start('order', {
        DATABASE_URL: ordersDb.url,
        CATALOG_URL: urls.catalog,
        CART_URL: urls.cart,
        INTERNAL_TOKEN: internalToken,
      }),
    ]);
    edge = await startEdgeProxy(urls);
    return { baseUrl: edge.url, stop, services: urls, adminToken };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The stack under test: the deployed one named by LOADTEST_BASE_URL, or one started here. */
export async function resolveStack(): Promise<Stack> {
  const given = process.env['LOADTEST_BASE_URL'];
  if (given) return { baseUrl: given.replace(/\/+$/, ''), stop: async () => undefined };
  return startHostStack();
}
