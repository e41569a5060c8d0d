import path from 'node:path';
import { migrateDatabase } from '@portside/db-migrate';
import { createLogger, loadConfigOrExit } from '@portside/service-kit';
import { orderConfigSchema } from './config';

/** Brings the `orders` database to the committed migrations (creating it if absent), then exits. */
async function main() {
  const config = loadConfigOrExit(
    orderConfigSchema.pick({
      DATABASE_URL: true,
      LOG_LEVEL: true,
      DEPLOYMENT_MODE: true,
    }),
  );
  const logger = createLogger({ name: 'order-migrate', level: config.LOG_LEVEL });
  // Same relative place from src/ (tsx) and from dist/ (the built image).
  const migrationsDir = path.join(__dirname, '..', 'prisma', 'migrations');
  await migrateDatabase({ databaseUrl: config.DATABASE_URL, migrationsDir, logger });
  logger.flush();
}

main().catch((err) => {
  process.stderr.write(`order migration failed: ${err instanceof Error ? err.message : err}\n`);
  process.exit(1);
});
