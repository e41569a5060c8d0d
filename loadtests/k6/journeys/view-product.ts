import type { Product } from '@portside/contracts';
import { check, group } from 'k6';
import { get, json } from '../lib/api.ts';
import type { CatalogData } from '../lib/catalog-data.ts';
import type { Journey } from '../lib/config.ts';
import { pick, think } from '../lib/think.ts';

/** Opens a product page as the storefront does: the product, then its image. Returns it for the buying journeys. */
export function openProduct(journey: Journey, slug: string): Product | undefined {
  const res = get(journey, 'GET /api/products/:slug', `/api/products/${slug}`);
  const product = json<Product>(res);
  check(
    res,
    {
      [`${journey}: product answers 200`]: (r) => r.status === 200,
      [`${journey}: product is the one asked for`]: () => product?.slug === slug,
    },
    { journey },
  );
  if (product?.imageUrl.startsWith('/api/')) {
    const image = get(journey, 'GET /api/images/products/:slug.svg', product.imageUrl, {
      accept: 'image/svg+xml',
    });
    check(
      image,
      { [`${journey}: product image answers 200`]: (r) => r.status === 200 },
      { journey },
    );
  }
  return product;
}

/** A visitor who lands on a product (from a search engine or a shared link) and reads it. */
export function viewProduct(data: CatalogData): void {
  group('viewProduct', () => {
    openProduct('viewProduct', pick(data.products).slug);
    think(3, 8);
  });
}
