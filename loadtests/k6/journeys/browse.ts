import type { CategoryTree, ProductPage } from '@portside/contracts';
import { check, group } from 'k6';
import { get, json } from '../lib/api.ts';
import type { CatalogData } from '../lib/catalog-data.ts';
import { pick, think } from '../lib/think.ts';

const SORTS = ['relevance', 'price', '-price', 'name', 'newest'];
const tags = { journey: 'browse' };

/** The most common visit: open the shop, walk a category, search, look at the next page. */
export function browse(data: CatalogData): void {
  group('browse', () => {
    const home = get('browse', 'GET /api/categories', '/api/categories');
    check(
      home,
      {
        'browse: categories answer 200': (r) => r.status === 200,
        'browse: categories list items': (r) => Array.isArray(json<CategoryTree>(r)?.items),
      },
      tags,
    );
    think(1, 3);

    const category = pick(data.categories);
    const sort = pick(SORTS);
    const list = get(
      'browse',
      'GET /api/products?category',
      `/api/products?category=${category}&sort=${sort}&limit=24`,
    );
    const page = json<ProductPage>(list);
    check(
      list,
      {
        'browse: category listing answers 200': (r) => r.status === 200,
        'browse: category listing has products': () => (page?.items.length ?? 0) > 0,
      },
      tags,
    );
    think(2, 5);

    const term = pick(data.searchTerms);
    const search = get(
      'browse',
      'GET /api/products?q',
      `/api/products?q=${encodeURIComponent(term)}&limit=24`,
    );
    check(
      search,
      {
        'browse: search answers 200': (r) => r.status === 200,
        'browse: search returns a page': (r) => Array.isArray(json<ProductPage>(r)?.items),
      },
      tags,
    );
    think(2, 5);

    if (page?.nextCursor) {
      const next = get(
        'browse',
        'GET /api/products?cursor',
        `/api/products?category=${category}&sort=${sort}&limit=24&cursor=${encodeURIComponent(page.nextCursor)}`,
      );
      check(next, { 'browse: next page answers 200': (r) => r.status === 200 }, tags);
      think(1, 3);
    }
  });
}
