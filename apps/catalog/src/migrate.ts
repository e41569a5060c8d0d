import { migrateDatabase } from '@portside/db-migrate';
import { createLogger, loadConfigOrExit } from '@portside/service-kit';
import { migrateConfigSchema } from './config';
import { MIGRATIONS_DIR } from './adapters/migrations-dir';
import { createPrisma } from './adapters/prisma';
import { seedCatalog } from './seed/seed';

/**
 * Brings the catalog database up to date (creating it if absent), then seeds
 * it when empty. `--no-seed` only migrates. Containers run this before the service.
 */
async function main() {
  const config = loadConfigOrExit(migrateConfigSchema);
  const logger = createLogger({ name: 'catalog-migrate', level: config.LOG_LEVEL });
  await migrateDatabase({
    databaseUrl: config.DATABASE_URL,
    migrationsDir: MIGRATIONS_DIR,
    logger,
  });
  if (process.argv.includes('--no-seed')) return;
  const prisma = createPrisma(config.DATABASE_URL, 1);
  try {
    await seedCatalog(prisma, logger);
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((err) => {
  process.stderr.write(`migration failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
