import { Redis } from 'ioredis';
import { createLogger, startServer, type RunningServer } from '@portside/service-kit';
import { createApp } from '../../src/app';
import { createHttpCatalogGateway } from '../../src/adapters/http-catalog-gateway';
import { createHttpClient } from '@portside/http-client';
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

/** The real app on port 0, against real Redis and a catalog behind real HTTP. */
export async function startCartUnderTest(opts: CartUnderTestOptions = {}): Promise<CartUnderTest> {
  const testRedis = await startRedis();
  const prefix = testRedis.keyPrefix;
  const catalog = await startFakeCatalog();
  const logger = createLogger({ name: 'cart', level: 'silent' });
  const redis = new Redis(opts.redisUrl ?? testRedis.url, {
    keyPrefix: prefix,
    maxRetriesPerRequest: 1,
    // A Redis that is away stays away for the test: fail commands at once rather than reconnecting.
    retryStrategy: opts.redisUrl ? () => null : undefined,
  });
  redis.on('error', () => undefined);
  const raw = rawRedis(testRedis.url);
  const client = createHttpClient({
    name: 'catalog',
    baseUrl: catalog.url,
    timeoutMs: opts.catalogTimeoutMs ?? 2000,
    retries: 2,
    logger,
  });
  const { app, readiness } = createApp({
    redis,
    catalog: createHttpCatalogGateway(client),
    logger,
    cartTtlSeconds: opts.cartTtlSeconds ?? 7 * 24 * 3600,
  });
  const running: RunningServer = await startServer({
    app,
    port: 0,
    host: '127.0.0.1',
    logger,
    readiness,
    shutdownTimeoutMs: 2000,
    onShutdown: [() => redis.quit().catch(() => redis.disconnect())],
  });

  return {
    url: `http://127.0.0.1:${running.port}`,
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
