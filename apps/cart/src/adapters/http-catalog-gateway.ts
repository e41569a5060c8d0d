import { z } from 'zod';
import { Product } from '@portside/contracts';
import { AppError } from '@portside/service-kit';
import type { CatalogGateway } from '../domain/catalog-gateway';
import type { HttpClient } from '@portside/http-client';

/** The fields the cart uses; other fields the catalog adds later are ignored, not rejected. */
const CatalogProductBody = z.object(
  Product.pick({ id: true, slug: true, name: true, imageUrl: true, priceCents: true, stock: true })
    .shape,
);
const CatalogPageBody = z.object({ items: z.array(CatalogProductBody) });

/** Catalog reads over HTTP. Both are GETs, which the client retries with backoff. */
export function createHttpCatalogGateway(client: HttpClient): CatalogGateway {
  return {
    async getProduct(productId) {
      const res = await client.request({
        method: 'GET',
        path: `/api/products/${encodeURIComponent(productId)}`,
      });
      if (res.status === 404) return null;
      return expectBody(res, CatalogProductBody);
    },

    async getProducts(productIds) {
      if (productIds.length === 0) return [];
      const res = await client.request({
        method: 'GET',
        path: '/api/products',
        // The catalog pages its answers: ask for a page as large as the list.
        query: { ids: productIds.join(','), limit: productIds.length },
      });
      return expectBody(res, CatalogPageBody).items;
    },
  };
}

function expectBody<S extends z.ZodType<unknown>>(
  res: { status: number; body: unknown },
  schema: S,
): z.output<S> {
  if (res.status !== 200) {
    throw AppError.unavailable(`Catalog answered ${res.status} where 200 was expected`);
  }
  const parsed = schema.safeParse(res.body);
  if (!parsed.success)
    throw AppError.unavailable('Catalog answered with an unexpected body', parsed.error);
  return parsed.data;
}
