import { migrateDatabase } from '@portside/db-migrate';
import { createLogger, startServer, type RunningServer } from '@portside/service-kit';
import { createTestDatabase, startRedis, type TestDatabase } from '@portside/testkit';
import { createApp } from '../../src/app';
import { MIGRATIONS_DIR } from '../../src/adapters/migrations-dir';
import { createPrisma, type PrismaClient } from '../../src/adapters/prisma';
import { connectInBackground, createRedis, type Redis } from '../../src/adapters/redis';
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

/** The catalog app on port 0 against the given database and a Redis (the shared one unless told). */
export async function startCatalog(
  databaseUrl: string,
  redisUrl?: string,
): Promise<CatalogUnderTest> {
  const testRedis = await startRedis();
  const logger = createLogger({
    name: 'catalog-test',
    level: process.env.TEST_LOG_LEVEL ?? 'silent',
  });
  const prisma = createPrisma(databaseUrl, 10);
  const redis = createRedis(redisUrl ?? testRedis.url);
  connectInBackground(redis, logger);
  const config = {
    ADMIN_TOKEN,
    INTERNAL_TOKEN,
    REDIS_KEY_PREFIX: testRedis.keyPrefix,
    CACHE_TTL_SECONDS: 300,
    BODY_LIMIT: '100kb',
  };
  const { app, readiness, sweepExpiredReservations } = createApp({ config, logger, prisma, redis });
  const running: RunningServer = await startServer({
    app,
    port: 0,
    host: '127.0.0.1',
    logger,
    readiness,
    shutdownTimeoutMs: 2_000,
    onShutdown: [() => prisma.$disconnect(), () => redis.disconnect()],
  });
  return {
    baseUrl: `http://127.0.0.1:${running.port}`,
    prisma,
    redis,
    keyPrefix: testRedis.keyPrefix,
    databaseUrl,
    sweepExpiredReservations,
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
