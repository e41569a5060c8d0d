import { createLogger, exitOnSignals, loadConfigOrExit, startServer } from '@portside/service-kit';
import { createApp } from './app';
import { catalogConfigSchema } from './config';
import { createPrisma } from './adapters/prisma';
import { connectInBackground, createRedis } from './adapters/redis';
import { startReservationSweeper } from './domain/reservation-sweeper';

/** Composes the catalog service: config, clients, app, server, sweeper, shutdown. */
async function main() {
  const config = loadConfigOrExit(catalogConfigSchema);
  const logger = createLogger({ name: 'catalog', level: config.LOG_LEVEL });
  const prisma = createPrisma(config.DATABASE_URL, config.DATABASE_POOL_SIZE, config);
  const redis = createRedis(config.REDIS_URL, config);
  connectInBackground(redis, logger);

  const { app, readiness, sweepExpiredReservations } = createApp({ config, logger, prisma, redis });
  const sweeper = startReservationSweeper(
    sweepExpiredReservations,
    config.RESERVATION_SWEEP_INTERVAL_MS,
    logger,
  );
  const running = await startServer({
    app,
    port: config.PORT,
    logger,
    readiness,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    shutdownDelayMs: config.SHUTDOWN_DELAY_MS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
    onShutdown: [() => sweeper.stop(), () => prisma.$disconnect(), () => redis.quit()],
  });
  exitOnSignals(running, logger);
}

main().catch((err) => {
  process.stderr.write(
    `catalog failed to start: ${err instanceof Error ? err.stack : String(err)}\n`,
  );
  process.exit(1);
});
