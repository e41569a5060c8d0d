import type { TestDatabase } from '@portside/testkit';
import { Prisma } from '../src/generated/prisma/client';
import { createPrisma, type PrismaClient } from '../src/adapters/prisma';
import { createCatalogDatabase } from './support/catalog-under-test';
import { queryShapes, indexesRead, sequentialScansOfProducts } from './support/query-shapes';

/*
 * Every query shape of search and suggestions has an index to serve it. Run on
 * the seeded catalogue with sequential scans priced out (enable_seqscan off):
 * the planner still scans sequentially when no index can answer the query, so
 * a shape that fails here would read every product at 100,000 too. (At 600
 * products the planner rightly prefers reading the whole small table, which is
 * why the check does not rely on its own choice; the benchmark measures the
 * 100,000-product catalogue, where it chooses these indexes.)
 */

let db: TestDatabase;
let prisma: PrismaClient;
let shapes: Record<string, Prisma.Sql>;

beforeAll(async () => {
  db = await createCatalogDatabase({ seed: true });
  prisma = createPrisma(db.url, 1);
  const [category] = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM categories WHERE slug = 'electronics'`;
  const [product] = await prisma.$queryRaw<Array<{ id: string }>>`SELECT id FROM products LIMIT 1`;
  shapes = queryShapes([category!.id], product!.id);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

async function explain(sql: Prisma.Sql) {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
    const [row] = await tx.$queryRaw<Array<{ 'QUERY PLAN': Array<{ Plan: never }> }>>(
      Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
    );
    return row!['QUERY PLAN'][0]!.Plan;
  });
}

describe('the query plans of search', () => {
  it('never read every product, in any shape', async () => {
    const scans: Record<string, string[]> = {};
    for (const [name, sql] of Object.entries(shapes)) {
      const found = sequentialScansOfProducts(await explain(sql));
      if (found.length > 0) scans[name] = found;
    }
    expect(scans).toEqual({});
    expect(Object.keys(shapes).length).toBeGreaterThan(15);
  });

  it('count the facets of a one-letter query from the covering index of its initial', async () => {
    for (const name of ['facets of one letter', 'facets of one letter, in stock']) {
      expect(indexesRead(await explain(shapes[name]!))).toEqual(['products_initial_a_facets_idx']);
    }
  });

  it('would notice a shape no index serves', async () => {
    const plan = await explain(Prisma.sql`SELECT id FROM products WHERE length(description) > 5`);
    expect(sequentialScansOfProducts(plan)).toEqual(['Seq Scan']);
  });
});
