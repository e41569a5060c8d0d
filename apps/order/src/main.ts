import { createLogger, exitOnSignals, loadConfigOrExit, startServer } from '@portside/service-kit';
import { createApp } from './app';
import { orderConfigSchema } from './config';
import { PrismaIdempotencyStore } from './adapters/idempotency-repository';
import { createPrismaClient } from './adapters/prisma';
import { startHousekeeping } from './domain/housekeeping';
import { startRecovery } from './domain/saga/recovery';

const HOUSEKEEPING_EVERY_MS = 5 * 60 * 1000;

async function main() {
  const config = loadConfigOrExit(orderConfigSchema);
  const logger = createLogger({ name: 'order', level: config.LOG_LEVEL });
  const prisma = createPrismaClient(config.DATABASE_URL, 10, config);
  const { app, readiness, recovery } = createApp({ config, logger, prisma });

  const stopHousekeeping = startHousekeeping(
    { idempotencyKeys: new PrismaIdempotencyStore(prisma), logger },
    HOUSEKEEPING_EVERY_MS,
  );
  // At boot, then now and then: checkouts a dead process left unfinished are driven to an end.
  const stopRecovery = startRecovery(recovery, config.RECOVERY_INTERVAL_MS);

  const running = await startServer({
    app,
    port: config.PORT,
    logger,
    readiness,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    shutdownDelayMs: config.SHUTDOWN_DELAY_MS,
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
    onShutdown: [stopHousekeeping, stopRecovery, () => prisma.$disconnect()],
  });
  exitOnSignals(running, logger);
}

main().catch((err) => {
  process.stderr.write(
    `order service failed to start: ${err instanceof Error ? err.stack : err}\n`,
  );
  process.exit(1);
});
