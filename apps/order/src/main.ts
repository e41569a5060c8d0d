import { createLogger, exitOnSignals, loadConfigOrExit, startServer } from '@portside/service-kit';
import { createApp } from './app';
import { orderConfigSchema } from './config';
import { PrismaIdempotencyStore } from './data/idempotency-repository';
import { createPrismaClient } from './data/prisma';

const PURGE_EVERY_MS = 60 * 60 * 1000;

async function main() {
  const config = loadConfigOrExit(orderConfigSchema);
  const logger = createLogger({ name: 'order', level: config.LOG_LEVEL });
  const prisma = createPrismaClient(config.DATABASE_URL);
  const { app, readiness } = createApp({ config, logger, prisma });

  const purge = setInterval(() => {
    new PrismaIdempotencyStore(prisma)
      .purgeExpired()
      .catch((err) => logger.warn({ err }, 'could not purge expired idempotency keys'));
  }, PURGE_EVERY_MS).unref();

  const running = await startServer({
    app,
    port: config.PORT,
    logger,
    readiness,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    shutdownDelayMs: config.SHUTDOWN_DELAY_MS,
    onShutdown: [() => clearInterval(purge), () => prisma.$disconnect()],
  });
  exitOnSignals(running, logger);
}

main().catch((err) => {
  process.stderr.write(`order service failed to start: ${err instanceof Error ? err.stack : err}\n`);
  process.exit(1);
});
