import type { Logger } from '@portside/service-kit';
import type { PrismaClient } from '../adapters/prisma';
import { buildSeedCatalog, type SeedProduct } from './catalog-data';

/** Any number, as long as every replica uses the same: serialises concurrent seeders. */
const SEED_LOCK = 5_020_261;

/** Rows per INSERT: one statement per chunk, its columns as arrays. */
const CHUNK = 5_000;

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Many products in one statement: far faster than createMany at 100,000 rows. */
async function insertProducts(tx: Tx, rows: SeedProduct[]): Promise<void> {
  const column = <K extends keyof SeedProduct>(key: K) => rows.map((r) => r[key]);
  await tx.$executeRaw`
    INSERT INTO products (id, slug, name, description, price_cents, image_url, stock, category_id, created_at, updated_at)
    SELECT id, slug, name, description, price_cents, image_url, stock, category_id, created_at, created_at
    FROM unnest(${column('id')}::uuid[], ${column('slug')}::text[], ${column('name')}::text[],
                ${column('description')}::text[], ${column('priceCents')}::int[], ${column('imageUrl')}::text[],
                ${column('stock')}::int[], ${column('categoryId')}::uuid[], ${column('createdAt')}::timestamptz[])
      AS t(id, slug, name, description, price_cents, image_url, stock, category_id, created_at)`;
}

/** The demo catalogue's size; `--products 100000` makes one to measure search at scale. */
export const DEFAULT_SEED_PRODUCTS = 600;

/**
 * Fills an empty catalog with the demo data. A catalog that has categories
 * already is left alone, so running it again does nothing.
 */
export async function seedCatalog(
  prisma: PrismaClient,
  logger?: Logger,
  { productCount = DEFAULT_SEED_PRODUCTS } = {},
): Promise<{ seeded: boolean }> {
  const { categories, products } = buildSeedCatalog(productCount);
  const seeded = await prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SEED_LOCK})`;
      if ((await tx.category.count()) > 0) return false;
      // Parents first: a child's foreign key needs its parent.
      for (const category of categories) await tx.category.create({ data: category });
      for (let i = 0; i < products.length; i += CHUNK) {
        await insertProducts(tx, products.slice(i, i + CHUNK));
      }
      return true;
    },
    // Well under a minute per 100,000 products here; generous for slower machines.
    { timeout: Math.max(60_000, productCount * 3) },
  );
  // Fresh statistics, so the planner sees the real size at once (autovacuum takes a while).
  if (seeded) await prisma.$executeRaw`ANALYZE products`;
  logger?.info(
    seeded ? { categories: categories.length, products: products.length } : {},
    seeded ? 'catalog seeded' : 'catalog already has data: seed skipped',
  );
  return { seeded };
}
