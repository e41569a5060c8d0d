import type { Express } from 'express';
import {
  createCacheMetrics,
  createMetrics,
  createServiceApp,
  observePool,
  Readiness,
  type Logger,
} from '@portside/service-kit';
import type { Redis } from 'ioredis';
import type { CatalogConfig } from './config';
import { ProductStore } from './adapters/product-store';
import { poolOf, type PrismaClient } from './adapters/prisma';
import { ReadCache } from './adapters/read-cache';
import { ReservationStore } from './adapters/reservation-store';
import { Catalog } from './domain/catalog';
import { Reservations } from './domain/reservations';
import { Suggestions } from './domain/suggestions';
import { categoryRoutes, imageRoutes } from './http/category-routes';
import { openApiRoute } from './http/openapi-route';
import { productRoutes } from './http/product-routes';
import { reservationRoutes } from './http/reservation-routes';

export interface CatalogDeps {
  config: Pick<
    CatalogConfig,
    'ADMIN_TOKEN' | 'INTERNAL_TOKEN' | 'REDIS_KEY_PREFIX' | 'CACHE_TTL_SECONDS' | 'BODY_LIMIT'
  >;
  logger: Logger;
  prisma: PrismaClient;
  /** Created by the caller (lazy, no offline queue): the app works while it is down. */
  redis: Redis;
}

export interface CatalogApp {
  app: Express;
  readiness: Readiness;
  /** Releases expired stock holds once; main.ts runs it on a timer. */
  sweepExpiredReservations: () => Promise<number>;
}

/** Composes the catalog from its dependencies; starts nothing, so tests can listen on port 0. */
export function createApp({ config, logger, prisma, redis }: CatalogDeps): CatalogApp {
  const metrics = createMetrics('catalog');
  const pool = poolOf(prisma);
  if (pool) observePool(metrics, 'catalog', () => pool);
  const cache = new ReadCache(redis, {
    keyPrefix: config.REDIS_KEY_PREFIX,
    ttlSeconds: config.CACHE_TTL_SECONDS,
    logger,
    onLookup: createCacheMetrics(metrics, 'catalog-read'),
  });
  const products = new ProductStore(prisma);
  const catalog = new Catalog(products, cache);
  const suggestions = new Suggestions(products, cache, () => catalog.categoryNodes());
  const reservations = new Reservations(new ReservationStore(prisma), () =>
    cache.invalidate('stock'),
  );

  // Redis only speeds reads up: while it is down the catalog still serves, degraded.
  const readiness = new Readiness(
    { db: () => prisma.$queryRaw`SELECT 1` },
    { optional: { redis: () => redis.ping() } },
  );

  const app = createServiceApp({
    logger,
    readiness,
    metrics,
    bodyLimit: config.BODY_LIMIT,
    routes: (app) => {
      app.use(productRoutes(catalog, suggestions, config.ADMIN_TOKEN));
      app.use(categoryRoutes(catalog));
      app.use(imageRoutes(catalog));
      app.use(openApiRoute());
      app.use(reservationRoutes(reservations, config.INTERNAL_TOKEN));
    },
  });

  return { app, readiness, sweepExpiredReservations: () => reservations.sweepExpired() };
}
