import type { CategoryNode, CategoryTree, ProductPage } from '@portside/contracts';
import exec from 'k6/execution';
import { get, json } from './api.ts';
import { BASE_URL } from './config.ts';

export type ProductRef = { id: string; slug: string };

/** What setup() hands every VU: real slugs, ids and words from the seeded catalog. */
export type CatalogData = {
  categories: string[];
  products: ProductRef[];
  /** Products with stock to spare: the buying journeys use these so they measure checkout, not sold-out answers. */
  buyable: ProductRef[];
  searchTerms: string[];
};

const PAGES = 5;
const PAGE_SIZE = 100;
const MIN_BUYABLE_STOCK = 20;

function flatten(nodes: CategoryNode[]): CategoryNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

function wordsOf(names: string[]): string[] {
  const words = names
    .flatMap((n) => n.toLowerCase().split(/[^a-z0-9]+/))
    .filter((w) => w.length >= 4);
  return [...new Set(words)].slice(0, 50);
}

/** Reads the catalog once, before any load; stops the whole test when the target is down or empty. */
export function loadCatalogData(): CatalogData {
  const res = get('setup', 'GET /api/categories', '/api/categories');
  if (res.status !== 200) {
    exec.test.abort(
      `target ${BASE_URL} is not answering: GET /api/categories gave ${res.status || res.error}`,
    );
  }
  const tree = json<CategoryTree>(res);
  const categories = flatten(tree?.items ?? [])
    .filter((c) => c.productCount > 0)
    .map((c) => c.slug);

  const products: ProductRef[] = [];
  const buyable: ProductRef[] = [];
  const names: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < PAGES; page++) {
    const query: string = `/api/products?limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const pageRes = get('setup', 'GET /api/products', query);
    const body = json<ProductPage>(pageRes);
    if (pageRes.status !== 200 || !body) exec.test.abort(`GET ${query} gave ${pageRes.status}`);
    for (const p of body?.items ?? []) {
      products.push({ id: p.id, slug: p.slug });
      names.push(p.name);
      if (p.stock >= MIN_BUYABLE_STOCK) buyable.push({ id: p.id, slug: p.slug });
    }
    cursor = body?.nextCursor ?? null;
    if (!cursor) break;
  }
  if (categories.length === 0 || buyable.length === 0) {
    exec.test.abort(
      `the catalog at ${BASE_URL} has no products in stock: seed it before a load test`,
    );
  }
  return { categories, products, buyable, searchTerms: wordsOf(names) };
}
