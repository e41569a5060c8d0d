import type { Product } from '@portside/contracts';

/** A product row as the catalog's SQL selects it (see PRODUCT_COLUMNS). */
export interface ProductRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  priceCents: number;
  currency: string;
  imageUrl: string;
  stock: number;
  createdAt: Date;
  updatedAt: Date;
  categoryId: string;
  categorySlug: string;
  categoryName: string;
}

export const PRODUCT_COLUMNS = `
  p.id, p.slug, p.name, p.description, p.price_cents AS "priceCents", p.currency,
  p.image_url AS "imageUrl", p.stock, p.created_at AS "createdAt", p.updated_at AS "updatedAt",
  c.id AS "categoryId", c.slug AS "categorySlug", c.name AS "categoryName"`;

/** Plain, JSON-safe objects in the shape of the public contract. */
export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    priceCents: row.priceCents,
    currency: 'USD',
    imageUrl: row.imageUrl,
    stock: row.stock,
    category: { id: row.categoryId, slug: row.categorySlug, name: row.categoryName },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
