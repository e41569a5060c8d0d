import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import {
  freePort,
  runServiceScript,
  startServiceProcess,
  type ServiceName,
  type ServiceProcess,
} from '@portside/testkit';
import { startEdgeProxy } from './edge-proxy';

/*
 * When no deployed stack is given (LOADTEST_BASE_URL unset), the journey test starts the
 * real services on this host: their own entry points through tsx (as `npm run dev` does),
 * against the machine's PostgreSQL and Redis, with databases and Redis keys unique to this
 * run, behind a proxy that routes /api/* as the edge does.
 */

const PG = process.env['LOADTEST_PG_URL'] ?? 'postgresql://postgres@127.0.0.1:5432';
const REDIS = process.env['LOADTEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const run = promisify(execFile);

export type Stack = {
  baseUrl: string;
  stop: () => Promise<void>;
  /** The catalog's admin token, when this run started the services. */
  adminToken?: string;
  /** Each service's own address, when this run started them. */
  services?: Record<'catalog' | 'cart' | 'order', string>;
};

async function dropDatabase(name: string): Promise<void> {
  await run('psql', [
    `${PG}/postgres`,
    '-q',
    '-c',
    `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
  ]).catch(() => undefined);
}

export async function startHostStack(): Promise<Stack> {
  const id = `lt_${randomBytes(4).toString('hex')}`;
  const databases = { catalog: `portside_${id}_catalog`, orders: `portside_${id}_orders` };
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
    await Promise.all(Object.values(databases).map(dropDatabase));
  };
  const start = async (app: ServiceName, env: Record<string, string>) => {
    started.push(await startServiceProcess(app, env, ports[app]));
  };

  try {
    await Promise.all([
      runServiceScript('catalog', 'migrate.ts', { DATABASE_URL: `${PG}/${databases.catalog}` }),
      runServiceScript('order', 'migrate.ts', { DATABASE_URL: `${PG}/${databases.orders}` }),
    ]);
    await Promise.all([
      start('catalog', {
        DATABASE_URL: `${PG}/${databases.catalog}`,
        REDIS_URL: REDIS,
        REDIS_KEY_PREFIX: `${id}:catalog:`,
        ADMIN_TOKEN: adminToken,
        INTERNAL_TOKEN: internalToken,
      }),
      start('cart', {
        REDIS_URL: REDIS,
        REDIS_KEY_PREFIX: `${id}:cart:`,
        CATALOG_URL: urls.catalog,
      }),
      start('order', {
        DATABASE_URL: `${PG}/${databases.orders}`,
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
