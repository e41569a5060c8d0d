import { migrateDatabase } from '@portside/db-migrate';
import { loadConfig, runService } from '@portside/service-kit';
import { createTestDatabase, startRedis, type TestDatabase } from '@portside/testkit';
import { MIGRATIONS_DIR } from '../../src/adapters/migrations-dir';
import { createPrisma, type PrismaClient } from '../../src/adapters/prisma';
import type { Redis } from '../../src/adapters/redis';
import { catalogService } from '../../src/app';
import { catalogConfigSchema } from '../../src/config';
import { seedCatalog } from '../../src/seed/seed';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const INTERNAL_TOKEN = 'test-internal-token-0123456789';

export interface CatalogUnderTest {
  baseUrl: string;
  prisma: PrismaClient;
  redis: Redis;
  keyPrefix: string;
  databaseUrl: string;
  sweepExpiredReservations: () => Promise<number>;
  /** Graceful shutdown of the app and its clients. */
  stop(): Promise<void>;
}

/** A fresh migrated database (seeded when asked) for one test file. */
export async function createCatalogDatabase({ seed = false } = {}): Promise<TestDatabase> {
  const db = await createTestDatabase('catalog');
  await migrateDatabase({ databaseUrl: db.url, migrationsDir: MIGRATIONS_DIR });
  if (seed) {
    const prisma = createPrisma(db.url, 1);
    await seedCatalog(prisma);
    await prisma.$disconnect();
  }
  return db;
}

/** The catalog on port 0 against the given database and a Redis (the shared one unless told). */
export async function startCatalog(
  databaseUrl: string,
  redisUrl?: string,
): Promise<CatalogUnderTest> {
  const testRedis = await startRedis();
  const config = loadConfig(catalogConfigSchema, {
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SHUTDOWN_TIMEOUT_MS: '2000',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl ?? testRedis.url,
    REDIS_KEY_PREFIX: testRedis.keyPrefix,
    ADMIN_TOKEN,
    INTERNAL_TOKEN,
  });
  // The tests sweep expired reservations by hand, when they choose.
  const running = await runService(catalogService, {
    config,
    host: '127.0.0.1',
    background: false,
  });
  return {
    baseUrl: running.url,
    prisma: running.clients.prisma,
    redis: running.clients.redis,
    keyPrefix: testRedis.keyPrefix,
    databaseUrl,
    sweepExpiredReservations: running.app.sweepExpiredReservations,
    stop: () => running.shutdown('test done'),
  };
}

export interface Answer<T = unknown> {
  status: number;
  contentType: string;
  body: T;
  headers: Headers;
}

/** A JSON request with the answer's status, type and parsed body. */
export async function call<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any
  baseUrl: string,
  method: string,
  path: string,
  { body, token }: { body?: unknown; token?: string } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const contentType = res.headers.get('content-type') ?? '';
  const parsed = contentType.includes('json') && text ? JSON.parse(text) : text;
  return { status: res.status, contentType, body: parsed as T, headers: res.headers };
}
