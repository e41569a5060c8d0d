import { randomBytes } from 'node:crypto';
import { freePort } from './ports';
import { createTestDatabase, type TestDatabase } from './postgres';
import { startRedis, type TestRedis } from './redis';
import {
  runServiceScript,
  startServiceProcess,
  type ServiceName,
  type ServiceProcess,
} from './service-process';

export interface ShopServicesOptions {
  /** The services to start; all three unless told (a test that kills and restarts order runs it itself). */
  start?: readonly ServiceName[];
  /** Extra environment of each service, over the wiring below. */
  env?: Partial<Record<ServiceName, Record<string, string>>>;
  /** Tokens the services are started with; random unless given. */
  adminToken?: string;
  internalToken?: string;
}

export interface ShopServices {
  /** Each service's address, chosen before any starts (so they know each other), started or not. */
  urls: Record<ServiceName, string>;
  /** The catalog's admin token (order's admin routes stay off unless env.order sets one). */
  adminToken: string;
  /** What order presents to the catalog's /internal routes. */
  internalToken: string;
  /** SIGTERM to each service started, then their databases dropped. */
  stop(): Promise<void>;
}

const ALL: readonly ServiceName[] = ['catalog', 'cart', 'order'];

/**
 * Catalog, cart and order as processes (their own main.ts, as containers run
 * them), wired to each other, on testkit's PostgreSQL (a fresh database each,
 * migrated by the service's own migrate.ts; the catalog's seeded) and Redis
 * (keys prefixed for this run). Resolves once every one started answers /readyz.
 */
export async function startShopServices(options: ShopServicesOptions = {}): Promise<ShopServices> {
  const starting = options.start ?? ALL;
  const id = randomBytes(4).toString('hex');
  const redis = await startRedis();
  const ports = { catalog: await freePort(), cart: await freePort(), order: await freePort() };
  const urls = {
    catalog: `http://127.0.0.1:${ports.catalog}`,
    cart: `http://127.0.0.1:${ports.cart}`,
    order: `http://127.0.0.1:${ports.order}`,
  };
  const adminToken = options.adminToken ?? randomBytes(16).toString('hex');
  const internalToken = options.internalToken ?? randomBytes(16).toString('hex');
  const databases: TestDatabase[] = [];
  const started: ServiceProcess[] = [];

  const stop = async () => {
    await Promise.all(started.map((service) => service.stop()));
    await Promise.all(databases.map((database) => database.drop()));
  };
  const migrated = async (app: 'catalog' | 'order', name: string) => {
    const database = await createTestDatabase(`shop_${id}_${name}`);
    databases.push(database);
    await runServiceScript(app, 'migrate.ts', { DATABASE_URL: database.url });
    return database.url;
  };
  const wiring: Record<ServiceName, () => Promise<Record<string, string>>> = {
    catalog: async () => ({
      DATABASE_URL: await migrated('catalog', 'catalog'),
      ...redisOf(redis, id, 'catalog'),
      ADMIN_TOKEN: adminToken,
      INTERNAL_TOKEN: internalToken,
    }),
    cart: async () => ({ ...redisOf(redis, id, 'cart'), CATALOG_URL: urls.catalog }),
    order: async () => ({
      DATABASE_URL: await migrated('order', 'orders'),
      CATALOG_URL: urls.catalog,
      CART_URL: urls.cart,
      INTERNAL_TOKEN: internalToken,
    }),
  };

  try {
    await Promise.all(
      starting.map(async (app) => {
        const env = { ...(await wiring[app]()), ...options.env?.[app] };
        started.push(await startServiceProcess(app, env, ports[app]));
      }),
    );
    return { urls, adminToken, internalToken, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

const redisOf = (redis: TestRedis, id: string, app: ServiceName) => ({
  REDIS_URL: redis.url,
  REDIS_KEY_PREFIX: `${redis.keyPrefix}${id}:${app}:`,
});
