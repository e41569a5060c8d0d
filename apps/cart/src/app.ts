import type { Express } from 'express';
import type { Redis } from 'ioredis';
import {
  createMetrics,
  createServiceApp,
  Readiness,
  type Logger,
  type Metrics,
} from '@portside/service-kit';
import { createRedisCartStore } from './adapters/redis-cart-store';
import { CartService } from './domain/cart-service';
import type { CatalogGateway } from './domain/catalog-gateway';
import { cartRoutes } from './http/cart-routes';

export interface CartAppDeps {
  /** Carts live here; the caller owns the client (and its keyPrefix) and closes it. */
  redis: Redis;
  catalog: CatalogGateway;
  logger: Logger;
  /** Sliding lifetime of an idle cart (CART_TTL_SECONDS). */
  cartTtlSeconds: number;
  /** A fresh registry per app unless given. */
  metrics?: Metrics;
  bodyLimit?: string;
}

export interface CartApp {
  app: Express;
  /** Reports Redis only: a catalog outage must not take carts out of rotation. */
  readiness: Readiness;
}

export function createApp(deps: CartAppDeps): CartApp {
  const readiness = new Readiness({ redis: () => deps.redis.ping() });
  const store = createRedisCartStore({ redis: deps.redis, ttlSeconds: deps.cartTtlSeconds });
  const carts = new CartService({ store, catalog: deps.catalog });
  const app = createServiceApp({
    logger: deps.logger,
    readiness,
    metrics: deps.metrics ?? createMetrics('cart'),
    bodyLimit: deps.bodyLimit,
    routes: (app) => app.use(cartRoutes(carts)),
  });
  return { app, readiness };
}
