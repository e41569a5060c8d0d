import { createLogger, loadConfigOrExit } from '@portside/service-kit';
import { migrateConfigSchema } from '../config';
import { createPrisma } from '../adapters/prisma';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED_PRODUCTS, seedCatalog } from './seed';

const USAGE = `Usage: npm run db:seed [-- --products <count>]

Fills an empty catalog (DATABASE_URL) with the demo data; a seeded one is left as it is.
  --products <count>  how many products, 1 to 1000000 (default ${DEFAULT_SEED_PRODUCTS}); above
                      10,000 names take a finish too, so 100,000 stay distinct
`;

/**
 * `npm run db:seed [-- --products 100000]`: fills an empty catalog with the demo
 * data, 600 products unless told.
 */
async function main() {
  const { values } = parseArgs({
    options: {
      products: { type: 'string', default: String(DEFAULT_SEED_PRODUCTS) },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
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
