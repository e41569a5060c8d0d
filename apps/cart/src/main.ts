// service-kit first: its tracing hooks ioredis as it loads.
import { createLogger, exitOnSignals, loadConfigOrExit, startServer } from '@portside/service-kit';
import { Redis } from 'ioredis';
import { createApp } from './app';
import { cartConfigSchema } from './config';
import { createHttpCatalogGateway } from './data/http-catalog-gateway';
import { createHttpClient } from '@portside/http-client';

/** Composition only: read config, build the clients, start, stop on signals. */
async function main() {
  const config = loadConfigOrExit(cartConfigSchema);
  const logger = createLogger({ name: 'cart', level: config.LOG_LEVEL });
  const redis = new Redis(config.REDIS_URL, {
    keyPrefix: config.REDIS_KEY_PREFIX,
    // Fail a request fast when Redis is away instead of queueing it for long.
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
  });
  redis.on('error', (err) => logger.warn({ err }, 'redis connection error'));

  const catalogClient = createHttpClient({
    name: 'catalog',
    baseUrl: config.CATALOG_URL,
    timeoutMs: config.CATALOG_TIMEOUT_MS,
    retries: 2,
    logger,
  });
  const { app, readiness } = createApp({
    redis,
    catalog: createHttpCatalogGateway(catalogClient),
    logger,
    cartTtlSeconds: config.CART_TTL_SECONDS,
    bodyLimit: config.BODY_LIMIT,
  });

  const running = await startServer({
    app,
    port: config.PORT,
    logger,
    readiness,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    shutdownDelayMs: config.SHUTDOWN_DELAY_MS,
    onShutdown: [() => redis.quit()],
  });
  exitOnSignals(running, logger);
}

main().catch((err: unknown) => {
  // The logger may not exist yet: say why on stderr and stop.
  process.stderr.write(
    `cart failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
