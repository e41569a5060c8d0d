import { Prisma } from '../../src/generated/prisma/client';
import {
  correctionsSql,
  facetGroupsSql,
  productSearchSql,
  rankedPageWithFacetsSql,
  suggestProductsSql,
} from '../../src/adapters/product-search-sql';
import type { Corrections, ProductSearch } from '../../src/domain/types';

/** Every shape of SQL the catalog's search and suggestions run, with values that exercise it. */
export function queryShapes(categoryIds: string[], someId: string): Record<string, Prisma.Sql> {
  const text = (q: string) => ({ text: q, words: q.toLowerCase().split(' ') });
  const page = (search: Partial<ProductSearch>, corrections: Corrections = new Map()) =>
    productSearchSql({ order: 'newest', limit: 25, ...search }, corrections);
  const typo: Corrections = new Map([['fountian', ['fountain']]]);
  const after = { key: '2026-06-01T00:00:00.000Z', id: someId };
  return {
    'newest first': page({}),
    'newest, second page': page({ after }),
    'by price': page({ order: 'price' }),
    'by price, descending, second page': page({
      order: '-price',
      after: { key: 5000, id: someId },
    }),
    'by name': page({ order: 'name' }),
    'a category subtree': page({ categoryIds }),
    'a price range': page({ minPrice: 100_000, maxPrice: 200_000, order: 'price' }),
    'in stock only': page({ inStock: true, categoryIds }),
    'by ids': page({ ids: [someId] }),
    'a word, by relevance': page({ text: text('daypack'), order: 'relevance' }),
    'a prefix, by relevance': page({ text: text('foun'), order: 'relevance' }),
    'one letter, by relevance': page({ text: text('a'), order: 'relevance' }),
    'two words, second page': page({
      text: text('fountain pen'),
      order: 'relevance',
      after: { key: 2.5, id: someId },
    }),
    'a typo, corrected': page({ text: text('fountian'), order: 'relevance' }, typo),
    'text, category and price, by price': page({
      text: text('cotton'),
      categoryIds,
      maxPrice: 20_000,
      order: 'price',
    }),
    'a ranked page with its facets': rankedPageWithFacetsSql(
      { text: text('daypack'), order: 'relevance', limit: 25 },
      new Map(),
    ),
    'a ranked page with its facets, in a category, second page': rankedPageWithFacetsSql(
      {
        text: text('fountian pen'),
        categoryIds,
        inStock: true,
        order: 'relevance',
        limit: 25,
        after: { key: 2.5, id: someId },
      },
      typo,
    ),
    'facets of everything': facetGroupsSql({ order: 'newest', limit: 0 }, new Map()),
    'facets of a query': facetGroupsSql(
      { text: text('daypack'), order: 'newest', limit: 0 },
      new Map(),
    ),
    'facets of one letter': facetGroupsSql(
      { text: text('a'), order: 'relevance', limit: 0 },
      new Map(),
    ),
    'facets of one letter, in stock': facetGroupsSql(
      { text: text('a'), minPrice: 1_000, inStock: true, order: 'relevance', limit: 0 },
      new Map(),
    ),
    'facets of a price range in stock': facetGroupsSql(
      { minPrice: 100_000, inStock: true, order: 'newest', limit: 0 },
      new Map(),
    ),
    'suggestions for a prefix': suggestProductsSql(['foun'], 8),
    'suggestions for two words': suggestProductsSql(['nimbus', 'd'], 8),
    'corrections of a typo': correctionsSql([{ word: 'fountian', edits: 2 }]),
  };
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/** The indexes the plan reads. */
export function indexesRead(plan: PlanNode): string[] {
  const own = plan['Index Name'] ? [plan['Index Name']] : [];
  return [...own, ...(plan.Plans ?? []).flatMap(indexesRead)];
}

/** The plan's nodes that read the products table from start to end. */
export function sequentialScansOfProducts(plan: PlanNode): string[] {
  const own =
    plan['Node Type'].includes('Seq Scan') && plan['Relation Name'] === 'products'
      ? [plan['Node Type']]
      : [];
  return [...own, ...(plan.Plans ?? []).flatMap(sequentialScansOfProducts)];
}
