import {
  createCacheMetrics,
  observePool,
  Readiness,
  type Connected,
  type Logger,
  type Metrics,
} from '@portside/service-kit';
import type { CatalogConfig } from '../config';
import type { CatalogPorts } from '../domain/ports';
import { createPrisma, poolOf, type PrismaClient } from './prisma';
import { PrismaProductStore } from './product-store';
import { RedisReadCache } from './read-cache';
import { connectInBackground, createRedis, type Redis } from './redis';
import { PrismaReservationStore } from './reservation-store';

export interface CatalogClients {
  prisma: PrismaClient;
  /** Lazy, no offline queue: the catalog serves, uncached, while Redis is down. */
  redis: Redis;
}

/** The catalog's clients (PostgreSQL, Redis) and the ports over them. */
export function connectCatalog(
  config: CatalogConfig,
  logger: Logger,
  metrics: Metrics,
): Connected<CatalogPorts, CatalogClients> {
  const prisma = createPrisma(config.DATABASE_URL, config.DATABASE_POOL_SIZE, config);
  const pool = poolOf(prisma);
  if (pool) observePool(metrics, 'catalog', () => pool);
  const redis = createRedis(config.REDIS_URL, config);
  connectInBackground(redis, logger);
  return {
    ports: {
      products: new PrismaProductStore(prisma),
      reservations: new PrismaReservationStore(prisma),
      cache: new RedisReadCache(redis, {
        keyPrefix: config.REDIS_KEY_PREFIX,
        ttlSeconds: config.CACHE_TTL_SECONDS,
        logger,
        onLookup: createCacheMetrics(metrics, 'catalog-read'),
      }),
    },
    // Redis only speeds reads up: while it is down the catalog still serves, degraded.
    readiness: new Readiness(
      { postgres: () => prisma.$queryRaw`SELECT 1` },
      { optional: { redis: () => redis.ping() } },
    ),
    clients: { prisma, redis },
    // Without an offline queue QUIT fails at once while Redis is away: then just drop it.
    close: [() => prisma.$disconnect(), () => redis.quit().catch(() => redis.disconnect())],
  };
}
