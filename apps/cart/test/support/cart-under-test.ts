import type { Redis } from 'ioredis';
import { loadConfig, runService } from '@portside/service-kit';
import { cartService } from '../../src/app';
import { cartConfigSchema } from '../../src/config';
import { startFakeCatalog, type FakeCatalog } from './fake-catalog';
import { deleteKeysWithPrefix, rawRedis, startRedis } from './redis';

export interface CartUnderTest {
  /** Base URL of the cart service, listening on a port of its own choosing. */
  url: string;
  catalog: FakeCatalog;
  /** Unprefixed client for looking at what the service stored. */
  raw: Redis;
  /** The Redis key of a cart, as stored. */
  keyOf(cartId: string): string;
  stop(): Promise<void>;
}

export interface CartUnderTestOptions {
  cartTtlSeconds?: number;
  catalogTimeoutMs?: number;
  /** Where the service's Redis client points; the shared test Redis unless given. */
  redisUrl?: string;
}

/** The real service on port 0, against real Redis and a catalog behind real HTTP. */
export async function startCartUnderTest(opts: CartUnderTestOptions = {}): Promise<CartUnderTest> {
  const testRedis = await startRedis();
  const prefix = testRedis.keyPrefix;
  const catalog = await startFakeCatalog();
  const raw = rawRedis(testRedis.url);
  const config = loadConfig(cartConfigSchema, {
    PORT: '0',
    LOG_LEVEL: 'silent',
    SHUTDOWN_TIMEOUT_MS: '2000',
    REDIS_URL: opts.redisUrl ?? testRedis.url,
    REDIS_KEY_PREFIX: prefix,
    CATALOG_URL: catalog.url,
    CATALOG_TIMEOUT_MS: String(opts.catalogTimeoutMs ?? 2000),
    CART_TTL_SECONDS: String(opts.cartTtlSeconds ?? 7 * 24 * 3600),
  });
  const running = await runService(cartService, { config, host: '127.0.0.1' });

  return {
    url: running.url,
    catalog,
    raw,
    keyOf: (cartId) => `${prefix}cart:${cartId}`,
    async stop() {
      await running.shutdown('test finished');
      await catalog.close();
      await deleteKeysWithPrefix(raw, prefix);
      await raw.quit();
      await testRedis.stop();
    },
  };
}
