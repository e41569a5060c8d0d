import { createLogger, exitOnSignals, loadConfigOrExit, startServer } from '@portside/service-kit';
import { createApp } from './app';
import { orderConfigSchema } from './config';
import { PrismaIdempotencyStore } from './data/idempotency-repository';
import { PrismaOrderRepository } from './data/order-repository';
import { createPrismaClient } from './data/prisma';
import { startHousekeeping } from './domain/housekeeping';

const HOUSEKEEPING_EVERY_MS = 5 * 60 * 1000;

async function main() {
  const config = loadConfigOrExit(orderConfigSchema);
  const logger = createLogger({ name: 'order', level: config.LOG_LEVEL });
  const prisma = createPrismaClient(config.DATABASE_URL, 10, config);
  const { app, readiness } = createApp({ config, logger, prisma });

  const stopHousekeeping = startHousekeeping(
    {
      orders: new PrismaOrderRepository(prisma),
      idempotencyKeys: new PrismaIdempotencyStore(prisma),
      logger,
      // Past the reservation's life and then some: no checkout still runs by then.
      abandonAfterMs: config.RESERVATION_TTL_SECONDS * 1000 + 60_000,
    },
    HOUSEKEEPING_EVERY_MS,
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
    onShutdown: [stopHousekeeping, () => prisma.$disconnect()],
  });
  exitOnSignals(running, logger);
}

main().catch((err) => {
  process.stderr.write(
    `order service failed to start: ${err instanceof Error ? err.stack : err}\n`,
  );
  process.exit(1);
});
