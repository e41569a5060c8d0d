import { createLogger, loadConfigOrExit } from '@portside/service-kit';
import { migrateConfigSchema } from '../config';
import { createPrisma } from '../data/prisma';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED_PRODUCTS, seedCatalog } from './seed';

/**
 * `npm run db:seed [-- --products 100000]`: fills an empty catalog with the demo
 * data, 600 products unless told.
 */
async function main() {
  const { values } = parseArgs({
    options: { products: { type: 'string', default: String(DEFAULT_SEED_PRODUCTS) } },
  });
  const productCount = Number(values.products);
  if (!Number.isInteger(productCount) || productCount < 1 || productCount > 1_000_000) {
    process.stderr.write('--products must be a whole number from 1 to 1000000\n');
    process.exit(2);
  }
  const config = loadConfigOrExit(migrateConfigSchema);
  const logger = createLogger({ name: 'catalog-seed', level: config.LOG_LEVEL });
  const prisma = createPrisma(config.DATABASE_URL, 1);
  try {
    await seedCatalog(prisma, logger, { productCount });
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((err) => {
  process.stderr.write(`seed failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
