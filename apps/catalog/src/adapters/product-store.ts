import type { Product } from '@portside/contracts';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type {
  CategoryRow,
  Corrections,
  FacetGroup,
  NewProduct,
  ProductChanges,
  ProductSearch,
  TextSearch,
} from '../domain/types';
import {
  CategoryMissing,
  ProductSlugTaken,
  type FoundProduct,
  type ProductStore,
} from '../domain/ports';
import { PRODUCT_COLUMNS, toProduct, type ProductRow } from './product-rows';
import {
  correctionsSql,
  facetGroupsSql,
  productSearchSql,
  rankedPageWithFacetsSql,
  suggestProductsSql,
} from './product-search-sql';

type FoundRow = ProductRow & { sortKey: Date | number | string };

const foundOf = (row: FoundRow): FoundProduct => ({
  product: toProduct(row),
  position: {
    key: row.sortKey instanceof Date ? row.sortKey.toISOString() : row.sortKey,
    id: row.id,
  },
});

/** Products and categories in PostgreSQL, as plain objects. */
export class PrismaProductStore implements ProductStore {
  constructor(private readonly prisma: PrismaClient) {}

  async search(
    search: ProductSearch,
    corrections: Corrections = new Map(),
  ): Promise<FoundProduct[]> {
    const rows = await this.prisma.$queryRaw<FoundRow[]>(productSearchSql(search, corrections));
    return rows.map(foundOf);
  }

  /** A page ranked by relevance, and the facet groups of its search (category filter aside). */
  async rankedSearchWithFacets(
    search: ProductSearch & { text: TextSearch },
    corrections: Corrections,
  ): Promise<{ found: FoundProduct[]; groups: FacetGroup[] }> {
    const rows = await this.prisma.$queryRaw<
      Array<{ groups: FacetGroup[] } & (FoundRow | { [K in keyof FoundRow]: null })>
    >(rankedPageWithFacetsSql(search, corrections));
    const found = rows.flatMap((row) => (row.id === null ? [] : [foundOf(row)]));
    return { found, groups: rows[0]?.groups ?? [] };
  }

  /** The search's products counted by category, price band and stock (category filter aside). */
  facetGroups(search: ProductSearch, corrections: Corrections): Promise<FacetGroup[]> {
    return this.prisma.$queryRaw<FacetGroup[]>(facetGroupsSql(search, corrections));
  }

  /** Names and slugs of products a word of whose name begins with each word. */
  suggestProducts(words: string[], limit: number): Promise<Array<{ name: string; slug: string }>> {
    return this.prisma.$queryRaw(suggestProductsSql(words, limit));
  }

  /** Known terms close to each word (with its edit budget) that begins no known term. */
  async corrections(words: Array<{ word: string; edits: number }>): Promise<Corrections> {
    const found = new Map<string, string[]>();
    const candidates = words.filter((w) => w.edits > 0);
    if (candidates.length === 0) return found;
    const rows = await this.prisma.$queryRaw<Array<{ word: string; term: string }>>(
      correctionsSql(candidates),
    );
    for (const { word, term } of rows) found.set(word, [...(found.get(word) ?? []), term]);
    return found;
  }

  async findById(id: string): Promise<Product | null> {
    return this.findOne(Prisma.sql`p.id = ${id}::uuid`);
  }

  async findBySlug(slug: string): Promise<Product | null> {
    return this.findOne(Prisma.sql`p.slug = ${slug}`);
  }

  /** Current stock of each product: read fresh because reservations change it all the time. */
  async stockOf(ids: string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.prisma.$queryRaw<Array<{ id: string; stock: number }>>`
      SELECT id, stock FROM products WHERE id = ANY(${ids}::uuid[])`;
    return new Map(rows.map((r) => [r.id, r.stock]));
  }

  async categories(): Promise<CategoryRow[]> {
    return this.prisma.$queryRaw<CategoryRow[]>`
      SELECT c.id, c.slug, c.name, c.parent_id AS "parentId", count(p.id)::int AS "ownProducts"
      FROM categories c LEFT JOIN products p ON p.category_id = c.id
      GROUP BY c.id
      ORDER BY c.name, c.id`;
  }

  async create(input: NewProduct): Promise<Product> {
    const { id } = await this.write(() =>
      this.prisma.product.create({ data: input, select: { id: true } }),
    );
    return (await this.findById(id)) as Product;
  }

  async update(id: string, changes: ProductChanges): Promise<Product | null> {
    const updated = await this.write(() =>
      this.prisma.product.updateMany({ where: { id }, data: changes }),
    );
    return updated.count === 0 ? null : this.findById(id);
  }

  async setStock(id: string, stock: number): Promise<Product | null> {
    const updated = await this.prisma.product.updateMany({ where: { id }, data: { stock } });
    return updated.count === 0 ? null : this.findById(id);
  }

  private async findOne(condition: Prisma.Sql): Promise<Product | null> {
    const rows = await this.prisma.$queryRaw<ProductRow[]>`
      SELECT ${Prisma.raw(PRODUCT_COLUMNS)}
      FROM products p JOIN categories c ON c.id = p.category_id
      WHERE ${condition}`;
    return rows[0] ? toProduct(rows[0]) : null;
  }

  /** Turns the database's unique and foreign-key refusals into errors the domain understands. */
  private async write<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError) {
        if (err.code === 'P2002') throw new ProductSlugTaken('slug taken', { cause: err });
        if (err.code === 'P2003') throw new CategoryMissing('category missing', { cause: err });
      }
      throw err;
    }
  }
}
