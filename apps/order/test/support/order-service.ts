import path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, loadConfig, runService, type Logger } from '@portside/service-kit';
import { createTestDatabase, runServiceScript, type TestDatabase } from '@portside/testkit';
import type { PrismaClient } from '../../src/adapters/prisma';
import { orderService } from '../../src/app';
import { orderConfigSchema } from '../../src/config';
import type { OrderPorts } from '../../src/domain/ports';
import { FakeCart } from './fake-cart';
import { FakeCatalog } from './fake-catalog';

/** The token the order service presents to the catalog's /internal routes in tests. */
export const TEST_INTERNAL_TOKEN = 'test-internal-token-0123456789';

export const ORDER_ROOT = path.join(__dirname, '..', '..');

/** A fresh `orders` database migrated by the service's own `db:migrate` entry, as containers do. */
export async function migratedTestDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase('orders');
  await runServiceScript('order', 'migrate.ts', { DATABASE_URL: db.url });
  return db;
}

export interface OrderServiceHarness {
  baseUrl: string;
  prisma: PrismaClient;
  logger: Logger;
  ports: OrderPorts;
  catalog: FakeCatalog;
  cart: FakeCart;
  /** Every log line the service wrote, for checks that secrets never reach the logs. */
  logs: string[];
  close(): Promise<void>;
}

/** The order service on port 0 against a fresh database and real HTTP fakes of catalog and cart. */
export async function startOrderService(
  env: Record<string, string> = {},
): Promise<OrderServiceHarness> {
  const db = await migratedTestDatabase();
  const catalog = await new FakeCatalog().start();
  const cart = await new FakeCart().start();
  const config = loadConfig(orderConfigSchema, {
    PORT: '0',
    SHUTDOWN_TIMEOUT_MS: '2000',
    DATABASE_URL: db.url,
    CATALOG_URL: catalog.url,
    CART_URL: cart.url,
    INTERNAL_TOKEN: TEST_INTERNAL_TOKEN,
    PAYMENT_TIMEOUT_MS: '300',
    // Generous: the stand-ins share this process and the machine may be busy; outages in tests are 503s, not hangs.
    UPSTREAM_TIMEOUT_MS: '10000',
    LOG_LEVEL: 'debug',
    ...env,
  });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ name: 'order', level: config.LOG_LEVEL, destination });
  // Recovery and housekeeping run when a test asks (the admin routes), not on timers.
  const running = await runService(orderService, {
    config,
    logger,
    host: '127.0.0.1',
    background: false,
  });
  return {
    baseUrl: running.url,
    prisma: running.clients.prisma,
    logger,
    ports: running.ports,
    catalog,
    cart,
    logs,
    async close() {
      await running.shutdown('test finished');
      await Promise.all([catalog.close(), cart.close()]);
      await db.drop();
    },
  };
}
