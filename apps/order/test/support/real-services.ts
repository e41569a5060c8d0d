import { spawn, execFile, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { closedPort, createTestDatabase, startRedis, type TestDatabase } from '@portside/testkit';
import { ORDER_ROOT, TSX } from './order-service';

const APPS = path.join(ORDER_ROOT, '..');

export interface RealService {
  url: string;
  stop(): Promise<void>;
}

/** Starts apps/<name>/src/main.ts as its own process, as a container would, and waits for /readyz. */
export async function spawnService(
  name: 'catalog' | 'cart',
  env: Record<string, string>,
): Promise<RealService> {
  const port = await closedPort();
  const child: ChildProcess = spawn(TSX, ['src/main.ts'], {
    cwd: path.join(APPS, name),
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c) => (stderr += c));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited early: ${stderr}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) throw new Error(`${name} never became ready: ${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export interface RealCatalogAndCart {
  catalog: RealService;
  cart: RealService;
  adminToken: string;
  stop(): Promise<void>;
}

/** The real catalog (migrated and seeded by its own entry) and the real cart, sharing one Redis. */
export async function startRealCatalogAndCart(): Promise<RealCatalogAndCart> {
  const db: TestDatabase = await createTestDatabase('catalog');
  const redis = await startRedis();
  const adminToken = 'test-admin-token-0123456789';
  await promisify(execFile)(TSX, ['src/migrate.ts'], {
    cwd: path.join(APPS, 'catalog'),
    env: { ...process.env, DATABASE_URL: db.url, LOG_LEVEL: 'warn' },
  });
  const catalog = await spawnService('catalog', {
    DATABASE_URL: db.url,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redis.keyPrefix,
    ADMIN_TOKEN: adminToken,
  });
  const cart = await spawnService('cart', {
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redis.keyPrefix,
    CATALOG_URL: catalog.url,
  });
  return {
    catalog,
    cart,
    adminToken,
    async stop() {
      await Promise.all([catalog.stop(), cart.stop()]);
      await db.drop();
    },
  };
}
