import type { Product } from '@portside/contracts';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import type {
  CategoryRow,
  NewProduct,
  Position,
  ProductChanges,
  ProductSearch,
} from '../domain/types';
import { PRODUCT_COLUMNS, toProduct, type ProductRow } from './product-rows';
import { productSearchSql } from './product-search-sql';

export interface FoundProduct {
  product: Product;
  /** Where a page that ends with this product continues from. */
  position: Position;
}

export class ProductSlugTaken extends Error {}
export class CategoryMissing extends Error {}

/** Products and categories in PostgreSQL, as plain objects. */
export class ProductStore {
  constructor(private readonly prisma: PrismaClient) {}

  async search(search: ProductSearch): Promise<FoundProduct[]> {
    const rows = await this.prisma.$queryRaw<
      Array<ProductRow & { sortKey: Date | number | string }>
    >(productSearchSql(search));
    return rows.map((row) => ({
      product: toProduct(row),
      position: {
        key: row.sortKey instanceof Date ? row.sortKey.toISOString() : row.sortKey,
        id: row.id,
      },
    }));
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
