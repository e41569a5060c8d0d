import { Prisma } from '../generated/prisma/client';
import type { ListOrder, ProductSearch } from '../domain/types';
import { PRODUCT_COLUMNS } from './product-rows';

interface OrderSpec {
  /** The SQL expression products are ordered by; the cursor stores its value. */
  expression: Prisma.Sql;
  descending: boolean;
  /** Casts the cursor's key back to the expression's type, exactly. */
  cast: string;
}

const query = (text: string) => Prisma.sql`websearch_to_tsquery('english', ${text})`;

function orderSpec(order: ListOrder, text: string | undefined): OrderSpec {
  switch (order) {
    case 'relevance':
      // ts_rank is a real: the cursor's key goes back through ::real so ties compare equal.
      return text
        ? {
            expression: Prisma.sql`ts_rank(p.search_vector, ${query(text)})`,
            descending: true,
            cast: 'real',
          }
        : orderSpec('newest', text);
    case 'price':
      return { expression: Prisma.sql`p.price_cents`, descending: false, cast: 'integer' };
    case '-price':
      return { expression: Prisma.sql`p.price_cents`, descending: true, cast: 'integer' };
    case 'name':
      return { expression: Prisma.sql`p.name`, descending: false, cast: 'text' };
    case 'newest':
      return { expression: Prisma.sql`p.created_at`, descending: true, cast: 'timestamptz' };
  }
}

/**
 * One page of a search as SQL: filters, then keyset pagination on
 * (sort key, id) so pages never skip or repeat rows, even among equal keys.
 */
export function productSearchSql(search: ProductSearch): Prisma.Sql {
  const spec = orderSpec(search.order, search.text);
  const where: Prisma.Sql[] = [];
  if (search.text) where.push(Prisma.sql`p.search_vector @@ ${query(search.text)}`);
  if (search.categoryIds)
    where.push(Prisma.sql`p.category_id = ANY(${search.categoryIds}::uuid[])`);
  if (search.ids) where.push(Prisma.sql`p.id = ANY(${search.ids}::uuid[])`);
  if (search.minPrice !== undefined) where.push(Prisma.sql`p.price_cents >= ${search.minPrice}`);
  if (search.maxPrice !== undefined) where.push(Prisma.sql`p.price_cents <= ${search.maxPrice}`);
  if (search.after) {
    const key = Prisma.sql`CAST(${String(search.after.key)} AS ${Prisma.raw(spec.cast)})`;
    const beyond = spec.descending ? Prisma.sql`<` : Prisma.sql`>`;
    where.push(
      Prisma.sql`(${spec.expression} ${beyond} ${key} OR (${spec.expression} = ${key} AND p.id > ${search.after.id}::uuid))`,
    );
  }
  const direction = Prisma.raw(spec.descending ? 'DESC' : 'ASC');
  return Prisma.sql`
    SELECT ${Prisma.raw(PRODUCT_COLUMNS)}, ${spec.expression} AS "sortKey"
    FROM products p JOIN categories c ON c.id = p.category_id
    ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, ' AND ')}` : Prisma.empty}
    ORDER BY ${spec.expression} ${direction}, p.id ASC
    LIMIT ${search.limit}`;
}
