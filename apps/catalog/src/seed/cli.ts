import { createLogger, loadConfigOrExit } from '@portside/service-kit';
import { migrateConfigSchema } from '../config';
import { createPrisma } from '../data/prisma';
import { seedCatalog } from './seed';

/** `npm run db:seed`: fills an empty catalog with the demo data. */
async function main() {
  const config = loadConfigOrExit(migrateConfigSchema);
  const logger = createLogger({ name: 'catalog-seed', level: config.LOG_LEVEL });
  const prisma = createPrisma(config.DATABASE_URL, 1);
  try {
    await seedCatalog(prisma, logger);
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((err) => {
  process.stderr.write(`seed failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
