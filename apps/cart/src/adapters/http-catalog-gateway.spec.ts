import { AppError } from '@portside/service-kit';
import { createHttpCatalogGateway } from './http-catalog-gateway';
import type { HttpClient, HttpRequest, HttpResponse } from '@portside/http-client';

const productBody = {
  id: '5d0f6f0c-6a3e-4a8e-9a59-0d7a2b1c3e4f',
  slug: 'enamel-mug',
  name: 'Enamel mug',
  description: 'Holds coffee.',
  priceCents: 1250,
  currency: 'USD',
  imageUrl: '/api/images/products/enamel-mug.svg',
  stock: 4,
  category: { id: '9b1f0f55-3a57-4e0e-8f3e-0f3c2b1a4d5e', slug: 'kitchen', name: 'Kitchen' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

/** Answers every request with one canned response and remembers what was asked. */
function clientAnswering(status: number, body: unknown) {
  const requests: HttpRequest[] = [];
  const client: HttpClient = {
    async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
      requests.push(req);
      return { status, body: body as T, headers: {} };
    },
  };
  return { client, requests };
}

describe('HTTP catalog gateway', () => {
  it('reads one product, keeping only what the cart uses', async () => {
    const { client, requests } = clientAnswering(200, productBody);
    const product = await createHttpCatalogGateway(client).getProduct(productBody.id);
    expect(product).toEqual({
      id: productBody.id,
      slug: 'enamel-mug',
      name: 'Enamel mug',
      imageUrl: '/api/images/products/enamel-mug.svg',
      priceCents: 1250,
      stock: 4,
    });
    expect(requests).toEqual([{ method: 'GET', path: `/api/products/${productBody.id}` }]);
  });

  it('answers null for a product the catalog does not know', async () => {
    const { client } = clientAnswering(404, { title: 'Not found', status: 404 });
    await expect(createHttpCatalogGateway(client).getProduct(productBody.id)).resolves.toBeNull();
  });

  it('reads several products in one request sized to the list', async () => {
    const { client, requests } = clientAnswering(200, { items: [productBody], nextCursor: null });
    const ids = [productBody.id, '0a4c2a5e-1d0e-4b8f-9f3a-7c6b5a4d3e2f'];
    const products = await createHttpCatalogGateway(client).getProducts(ids);
    expect(products.map((p) => p.id)).toEqual([productBody.id]);
    expect(requests).toEqual([
      { method: 'GET', path: '/api/products', query: { ids: ids.join(','), limit: 2 } },
    ]);
  });

  it('makes no request for no ids', async () => {
    const { client, requests } = clientAnswering(200, { items: [] });
    await expect(createHttpCatalogGateway(client).getProducts([])).resolves.toEqual([]);
    expect(requests).toEqual([]);
  });

  it.each([
    ['an unexpected status', 400, { title: 'Bad request' }],
    ['a body of the wrong shape', 200, { id: 'not-a-product' }],
  ])('treats %s as the catalog being unavailable', async (_label, status, body) => {
    const { client } = clientAnswering(status, body);
    const failure = await createHttpCatalogGateway(client)
      .getProduct(productBody.id)
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).kind).toBe('unavailable');
  });
});
