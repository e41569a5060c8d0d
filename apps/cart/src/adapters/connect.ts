import { createHttpClient } from '@portside/http-client';
import { Readiness, type Connected, type Logger } from '@portside/service-kit';
import type { Redis } from 'ioredis';
import type { CartConfig } from '../config';
import type { CartPorts } from '../domain/ports';
import { createHttpCatalogGateway } from './http-catalog-gateway';
import { createRedisCartStore } from './redis-cart-store';
import { createCartRedis } from './redis-client';

export interface CartClients {
  redis: Redis;
}

/** The cart's clients (Redis, the catalog over HTTP) and the ports over them. */
export function connectCart(config: CartConfig, logger: Logger): Connected<CartPorts, CartClients> {
  const redis = createCartRedis(config);
  redis.on('error', (err) => logger.warn({ err }, 'redis connection error'));
  const catalogClient = createHttpClient({
    name: 'catalog',
    baseUrl: config.CATALOG_URL,
    timeoutMs: config.CATALOG_TIMEOUT_MS,
    retries: 2,
    logger,
  });
  return {
    ports: {
      carts: createRedisCartStore({ redis, ttlSeconds: config.CART_TTL_SECONDS }),
      catalog: createHttpCatalogGateway(catalogClient),
    },
    // Redis only: a catalog outage must not take carts out of rotation.
    readiness: new Readiness({ redis: () => redis.ping() }),
    clients: { redis },
    // A Redis that is away does not answer QUIT: drop the connection instead.
    close: [() => redis.quit().catch(() => redis.disconnect())],
  };
}
