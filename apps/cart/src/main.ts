// service-kit first: its tracing hooks ioredis as it loads.
import { createLogger, exitOnSignals, loadConfigOrExit, startServer } from '@portside/service-kit';
import { createApp } from './app';
import { cartConfigSchema } from './config';
import { createHttpCatalogGateway } from './adapters/http-catalog-gateway';
import { createCartRedis } from './adapters/redis-client';
import { createHttpClient } from '@portside/http-client';

/** Composition only: read config, build the clients, start, stop on signals. */
async function main() {
  const config = loadConfigOrExit(cartConfigSchema);
  const logger = createLogger({ name: 'cart', level: config.LOG_LEVEL });
  const redis = createCartRedis(config);
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
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
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
