import { PRICE_BANDS } from '@portside/contracts';
import { Prisma } from '../generated/prisma/client';
import { relevanceKeyOf } from '../domain/search-text';
import type { Corrections, ListOrder, Position, ProductSearch, TextSearch } from '../domain/types';
import { PRODUCT_COLUMNS } from './product-rows';
import { knownWord, matchCondition, namePrefix, relevanceScore } from './text-query-sql';

interface OrderSpec {
  /** The SQL expression products are ordered by; the cursor stores its value. */
  expression: Prisma.Sql;
  descending: boolean;
  /** Casts the cursor's key back to the expression's type, exactly. */
  cast: string;
}

function orderSpec(order: ListOrder, search: ProductSearch, corrections: Corrections): OrderSpec {
  switch (order) {
    case 'relevance': {
      const key = relevanceKeyOf(search.text);
      // The score is a real: the cursor's key goes back through ::real so ties compare equal.
      return key === 'rank' && search.text
        ? { expression: relevanceScore(search.text, corrections), descending: true, cast: 'real' }
        : orderSpec(key === 'rank' ? 'newest' : key, search, corrections);
    }
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

/** The search's filters as SQL conditions on `p` (products), cursor excluded. */
export function filterConditions(search: ProductSearch, corrections: Corrections): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (search.text) where.push(Prisma.sql`(${matchCondition(search.text, corrections)})`);
  if (search.categoryIds)
    where.push(Prisma.sql`p.category_id = ANY(${search.categoryIds}::uuid[])`);
  if (search.ids) where.push(Prisma.sql`p.id = ANY(${search.ids}::uuid[])`);
  if (search.minPrice !== undefined) where.push(Prisma.sql`p.price_cents >= ${search.minPrice}`);
  if (search.maxPrice !== undefined) where.push(Prisma.sql`p.price_cents <= ${search.maxPrice}`);
  if (search.inStock) where.push(Prisma.sql`p.stock > 0`);
  return where;
}

const whereOf = (conditions: Prisma.Sql[]) =>
  conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, ' AND ')}` : Prisma.empty;

/** Rows after the cursor's position in the order: (sort key, id) beyond it. */
function beyondConditions(spec: OrderSpec, id: Prisma.Sql, after: Position): Prisma.Sql[] {
  const key = Prisma.sql`CAST(${String(after.key)} AS ${Prisma.raw(spec.cast)})`;
  const beyond = spec.descending ? Prisma.sql`<` : Prisma.sql`>`;
  // The first bound alone is redundant, but it is what lets the sort key's index start there.
  const bound = spec.descending ? Prisma.sql`<=` : Prisma.sql`>=`;
  return [
    Prisma.sql`${spec.expression} ${bound} ${key}`,
    Prisma.sql`(${spec.expression} ${beyond} ${key} OR (${spec.expression} = ${key} AND ${id} > ${after.id}::uuid))`,
  ];
}

/**
 * One page of a search as SQL: filters, then keyset pagination on
 * (sort key, id) so pages never skip or repeat rows, even among equal keys.
 */
export function productSearchSql(search: ProductSearch, corrections: Corrections): Prisma.Sql {
  const spec = orderSpec(search.order, search, corrections);
  const where = filterConditions(search, corrections);
  if (search.after) where.push(...beyondConditions(spec, Prisma.sql`p.id`, search.after));
  const direction = Prisma.raw(spec.descending ? 'DESC' : 'ASC');
  return Prisma.sql`
    SELECT ${Prisma.raw(PRODUCT_COLUMNS)}, ${spec.expression} AS "sortKey"
    FROM products p JOIN categories c ON c.id = p.category_id
    ${whereOf(where)}
    ORDER BY ${spec.expression} ${direction}, p.id ASC
    LIMIT ${search.limit}`;
}

/** The band index of a price, as PRICE_BANDS orders them. */
const bandOfPrice = Prisma.raw(
  `CASE ${PRICE_BANDS.slice(0, -1)
    .map((band, i) => `WHEN p.price_cents < ${band.maxPrice} THEN ${i}`)
    .join(' ')} ELSE ${PRICE_BANDS.length - 1} END`,
);

/**
 * The search's products counted by category, price band and stock state, in
 * one pass. The category filter is left out: the domain applies it to the
 * other facets and leaves the category counts whole.
 */
export function facetGroupsSql(search: ProductSearch, corrections: Corrections): Prisma.Sql {
  const where = filterConditions({ ...search, categoryIds: undefined }, corrections);
  return Prisma.sql`
    SELECT p.category_id AS "categoryId", ${bandOfPrice} AS band, p.stock > 0 AS "inStock",
           count(*)::int AS count
    FROM products p
    ${whereOf(where)}
    GROUP BY 1, 2, 3`;
}

/**
 * A page ranked by relevance and its search's facet groups, in one statement.
 * Ranking reads every match; counting them in the same pass spares a second
 * read of every matching row (from the table: GIN indexes cover nothing) and
 * a round trip. The matches leave the category and the cursor out, as the
 * facets do; the page applies both. One row at least: the groups (JSON), then
 * the page's columns, null when the page is empty.
 */
export function rankedPageWithFacetsSql(
  search: ProductSearch & { text: TextSearch },
  corrections: Corrections,
): Prisma.Sql {
  const matched = filterConditions({ ...search, categoryIds: undefined }, corrections);
  const spec: OrderSpec = { expression: Prisma.sql`m.score`, descending: true, cast: 'real' };
  const page: Prisma.Sql[] = [];
  if (search.categoryIds) {
    page.push(Prisma.sql`m.category_id = ANY(${search.categoryIds}::uuid[])`);
  }
  if (search.after) page.push(...beyondConditions(spec, Prisma.sql`m.id`, search.after));
  return Prisma.sql`
    WITH matched AS MATERIALIZED (
      SELECT p.id, p.category_id, ${bandOfPrice} AS band, p.stock > 0 AS in_stock,
             ${relevanceScore(search.text, corrections)} AS score
      FROM products p
      ${whereOf(matched)}
    ), page AS (
      SELECT m.id, m.score FROM matched m
      ${whereOf(page)}
      ORDER BY m.score DESC, m.id ASC
      LIMIT ${search.limit}
    )
    SELECT facets.groups, ${Prisma.raw(PRODUCT_COLUMNS)}, page.score AS "sortKey"
    FROM (
      SELECT coalesce(json_agg(g), '[]') AS groups FROM (
        SELECT category_id AS "categoryId", band, in_stock AS "inStock", count(*)::int AS count
        FROM matched
        GROUP BY 1, 2, 3
      ) g
    ) facets
    LEFT JOIN (page JOIN products p ON p.id = page.id JOIN categories c ON c.id = p.category_id)
      ON true
    ORDER BY page.score DESC, page.id ASC`;
}

/**
 * How many matching names suggestions choose from: bounds the work of a short
 * prefix. For a common one (`he`, `head`: thousands of names) the planner reads
 * the table until the pool is full, so the pool's size is what such a keystroke
 * costs: 50 reads a quarter of what 200 did, and still offers the shortest of
 * fifty names.
 */
const SUGGESTION_POOL = 50;

/**
 * Names of products a word of which begins with each of the words, shortest
 * first (the closest to what was typed), from the first matches the index
 * yields. Never `ORDER BY name` over the matches: the planner would walk the
 * name index and, for a prefix nothing matches, every product.
 */
export function suggestProductsSql(words: string[], limit: number): Prisma.Sql {
  return Prisma.sql`
    SELECT name, slug FROM (
      SELECT p.name, p.slug FROM products p
      WHERE p.name_words @@ (${Prisma.join(words.map(namePrefix), ' && ')})
      LIMIT ${SUGGESTION_POOL}
    ) pool
    ORDER BY length(name), name, slug
    LIMIT ${limit}`;
}

/**
 * For each word that begins no known term and shares no stem with one, the
 * closest known terms within its edit budget, nearest first, trigram
 * similarity breaking ties. The vocabulary is the catalogue's distinct words:
 * small next to the products (385 terms at 100,000 seeded products).
 */
export function correctionsSql(words: Array<{ word: string; edits: number }>): Prisma.Sql {
  const rows = words.map(
    ({ word, edits }) => Prisma.sql`(${word}::text, ${edits}::int, ${knownWord(word)})`,
  );
  return Prisma.sql`
    SELECT w.word, c.term
    FROM (VALUES ${Prisma.join(rows)}) AS w(word, edits, found)
    CROSS JOIN LATERAL (
      SELECT t.term FROM search_terms t
      WHERE NOT w.found
        AND abs(length(t.term) - length(w.word)) <= w.edits
        AND levenshtein_less_equal(t.term, w.word, w.edits) <= w.edits
      ORDER BY levenshtein(t.term, w.word), similarity(t.term, w.word) DESC, t.term
      LIMIT 2
    ) c`;
}
