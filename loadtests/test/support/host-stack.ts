import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startEdgeProxy } from './edge-proxy';

/*
 * When no deployed stack is given (LOADTEST_BASE_URL unset), the journey test starts the
 * real services on this host: their own entry points through tsx (as `npm run dev` does),
 * against the machine's PostgreSQL and Redis, with databases and Redis keys unique to this
 * run, behind a proxy that routes /api/* as the edge does.
 */

const ROOT = join(__dirname, '..', '..', '..');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const PG = process.env['LOADTEST_PG_URL'] ?? 'postgresql://postgres@127.0.0.1:5432';
const REDIS = process.env['LOADTEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const run = promisify(execFile);

export type Stack = {
  baseUrl: string;
  stop: () => Promise<void>;
  /** Each service's own address, when this run started them. */
  services?: Record<'catalog' | 'cart' | 'order', string>;
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function tsx(app: string, script: string, env: Record<string, string>): Promise<void> {
  try {
    await run(TSX, [join(ROOT, 'apps', app, 'src', script)], {
      cwd: join(ROOT, 'apps', app),
      env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      timeout: 120_000,
    });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`apps/${app}/src/${script} failed: ${e.stderr || e.message}`);
  }
}

async function waitReady(
  name: string,
  url: string,
  child: ChildProcess,
  log: string[],
): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with ${child.exitCode}:\n${log.join('')}`);
    const ok = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name} was not ready at ${url}/readyz within 90 s:\n${log.join('')}`);
}

function startService(
  app: string,
  env: Record<string, string>,
): { child: ChildProcess; log: string[] } {
  const child = spawn(TSX, [join(ROOT, 'apps', app, 'src', 'main.ts')], {
    cwd: join(ROOT, 'apps', app),
    env: { ...process.env, LOG_LEVEL: 'warn', SHUTDOWN_DELAY_MS: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log: string[] = [];
  child.stderr?.on('data', (c: Buffer) => log.push(c.toString()));
  return { child, log };
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

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
  const started: ChildProcess[] = [];
  let edge: { url: string; stop: () => Promise<void> } | undefined;

  const stop = async () => {
    await edge?.stop();
    await Promise.all(started.map(stopChild));
    await Promise.all(Object.values(databases).map(dropDatabase));
  };

  try {
    await Promise.all([
      tsx('catalog', 'migrate.ts', { DATABASE_URL: `${PG}/${databases.catalog}` }),
      tsx('order', 'migrate.ts', { DATABASE_URL: `${PG}/${databases.orders}` }),
    ]);
    const services = {
      catalog: startService('catalog', {
        PORT: String(ports.catalog),
        DATABASE_URL: `${PG}/${databases.catalog}`,
        REDIS_URL: REDIS,
        REDIS_KEY_PREFIX: `${id}:catalog:`,
        ADMIN_TOKEN: randomBytes(16).toString('hex'),
      }),
      cart: startService('cart', {
        PORT: String(ports.cart),
        REDIS_URL: REDIS,
        REDIS_KEY_PREFIX: `${id}:cart:`,
        CATALOG_URL: urls.catalog,
      }),
      order: startService('order', {
        PORT: String(ports.order),
        DATABASE_URL: `${PG}/${databases.orders}`,
        CATALOG_URL: urls.catalog,
        CART_URL: urls.cart,
      }),
    };
    started.push(services.catalog.child, services.cart.child, services.order.child);
    await Promise.all(
      (['catalog', 'cart', 'order'] as const).map((name) =>
        waitReady(name, urls[name], services[name].child, services[name].log),
      ),
    );
    edge = await startEdgeProxy(urls);
    return { baseUrl: edge.url, stop, services: urls };
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
