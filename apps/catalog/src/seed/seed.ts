import type { Logger } from '@portside/service-kit';
import type { PrismaClient } from '../data/prisma';
import { buildSeedCatalog } from './catalog-data';

/** Any number, as long as every replica uses the same: serialises concurrent seeders. */
const SEED_LOCK = 5_020_261;

/**
 * Fills an empty catalog with the demo data. A catalog that has categories
 * already is left alone, so running it again does nothing.
 */
export async function seedCatalog(
  prisma: PrismaClient,
  logger?: Logger,
): Promise<{ seeded: boolean }> {
  const { categories, products } = buildSeedCatalog();
  const seeded = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
      if ((await tx.category.count()) > 0) return false;
      // Parents first: a child's foreign key needs its parent.
      for (const category of categories) await tx.category.create({ data: category });
      await tx.product.createMany({ data: products });
      return true;
    },
    { timeout: 60_000 },
  );
  logger?.info(
    seeded ? { categories: categories.length, products: products.length } : {},
    seeded ? 'catalog seeded' : 'catalog already has data: seed skipped',
  );
  return { seeded };
}
