import { Product } from '@portside/contracts';
import type { TestDatabase } from '@portside/testkit';
import {
  ADMIN_TOKEN,
  call,
  createCatalogDatabase,
  startCatalog,
  type CatalogUnderTest,
} from './support/catalog-under-test';
import { createCategory, createProduct } from './support/fixtures';

let db: TestDatabase;
let catalog: CatalogUnderTest;
let categoryId: string;

beforeAll(async () => {
  db = await createCatalogDatabase();
  catalog = await startCatalog(db.url);
  categoryId = (await createCategory(catalog.prisma)).id;
});

afterAll(async () => {
  await catalog?.stop();
  await db?.drop();
});

const admin = (method: string, path: string, body?: unknown) =>
  call(catalog.baseUrl, method, path, { body, token: ADMIN_TOKEN });

describe('admin authentication', () => {
  it('answers 401 to a write without a token and 403 to a write with the wrong one', async () => {
    const body = { slug: 'nope', name: 'Nope', priceCents: 100, categoryId };
    const anonymous = await call(catalog.baseUrl, 'POST', '/api/products', { body });
    expect(anonymous.status).toBe(401);
    expect(anonymous.contentType).toContain('application/problem+json');
    const wrong = await call(catalog.baseUrl, 'POST', '/api/products', {
      body,
      token: 'someone-elses-token-123',
    });
    expect(wrong.status).toBe(403);
    const product = await createProduct(catalog.prisma, categoryId);
    expect(
      (await call(catalog.baseUrl, 'PATCH', `/api/products/${product.id}`, { body: { name: 'X' } }))
        .status,
    ).toBe(401);
    expect(
      (
        await call(catalog.baseUrl, 'PUT', `/api/products/${product.id}/stock`, {
          body: { stock: 1 },
          token: 'wrong-token-wrong-token',
        })
      ).status,
    ).toBe(403);
  });
});

describe('admin writes', () => {
  it('creates a product that reads back, with its generated picture', async () => {
    const created = await admin('POST', '/api/products', {
      slug: 'brass-desk-lamp',
      name: 'Brass Desk Lamp',
      description: 'Warm light for late reading.',
      priceCents: 4900,
      categoryId,
      stock: 3,
    });
    expect(created.status).toBe(201);
    const product = Product.parse(created.body);
    expect(product.imageUrl).toBe('/api/images/products/brass-desk-lamp.svg');
    const read = await call(catalog.baseUrl, 'GET', '/api/products/brass-desk-lamp');
    expect(Product.parse(read.body)).toEqual(product);
    const image = await call(catalog.baseUrl, 'GET', product.imageUrl);
    expect(image.status).toBe(200);
    expect(image.contentType).toContain('image/svg+xml');
  });

  it('refuses a taken slug with 409 and an unknown category with 400', async () => {
    const existing = await createProduct(catalog.prisma, categoryId);
    const base = { name: 'Copy', priceCents: 100, categoryId };
    const taken = await admin('POST', '/api/products', { ...base, slug: existing.slug });
    expect(taken.status).toBe(409);
    const orphan = await admin('POST', '/api/products', {
      ...base,
      slug: 'orphan-product',
      categoryId: '00000000-0000-4000-8000-000000000000',
    });
    expect(orphan.status).toBe(400);
    expect(orphan.body.errors[0].field).toBe('categoryId');
  });

  it('answers 400 naming the field for invalid or unknown body fields', async () => {
    const bad = await admin('POST', '/api/products', {
      slug: 'Bad Slug',
      name: 'x',
      priceCents: 1,
      categoryId,
    });
    expect(bad.status).toBe(400);
    expect(bad.contentType).toContain('application/problem+json');
    expect(bad.body.errors[0].field).toBe('slug');
    const product = await createProduct(catalog.prisma, categoryId);
    const unknown = await admin('PATCH', `/api/products/${product.id}`, {
      name: 'Fine',
      colour: 'red',
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toContain('colour');
    const negative = await admin('PUT', `/api/products/${product.id}/stock`, { stock: -1 });
    expect(negative.status).toBe(400);
    expect(negative.body.errors[0].field).toBe('stock');
  });

  it('answers 404 when updating a product that does not exist', async () => {
    const res = await admin('PATCH', '/api/products/00000000-0000-4000-8000-000000000000', {
      name: 'Ghost',
    });
    expect(res.status).toBe(404);
  });
});

describe('the read cache', () => {
  it('shows an updated product on the next read, in the product, its list and the categories', async () => {
    const product = await createProduct(catalog.prisma, categoryId, { priceCents: 1000 });
    const category = await catalog.prisma.category.findUniqueOrThrow({ where: { id: categoryId } });
    // Warm every cached read that includes the product.
    const before = await call(catalog.baseUrl, 'GET', `/api/products/${product.id}`);
    expect(before.body.priceCents).toBe(1000);
    const listBefore = await call(
      catalog.baseUrl,
      'GET',
      `/api/products?category=${category.slug}&limit=100`,
    );
    expect(listBefore.body.items.find((p: Product) => p.id === product.id).priceCents).toBe(1000);
    const treeBefore = await call(catalog.baseUrl, 'GET', '/api/categories');

    const patched = await admin('PATCH', `/api/products/${product.id}`, {
      priceCents: 2500,
      name: 'Renamed Lamp',
    });
    expect(patched.status).toBe(200);
    expect(Product.parse(patched.body)).toMatchObject({ priceCents: 2500, name: 'Renamed Lamp' });

    const after = await call(catalog.baseUrl, 'GET', `/api/products/${product.id}`);
    expect(after.body).toMatchObject({ priceCents: 2500, name: 'Renamed Lamp' });
    const listAfter = await call(
      catalog.baseUrl,
      'GET',
      `/api/products?category=${category.slug}&limit=100`,
    );
    expect(listAfter.body.items.find((p: Product) => p.id === product.id).priceCents).toBe(2500);

    await createProduct(catalog.prisma, categoryId);
    await admin('PATCH', `/api/products/${product.id}`, { description: 'now counted' });
    const treeAfter = await call(catalog.baseUrl, 'GET', '/api/categories');
    const count = (tree: { items: Array<{ id: string; productCount: number }> }) =>
      tree.items.find((c) => c.id === categoryId)?.productCount;
    expect(count(treeAfter.body)).toBe((count(treeBefore.body) ?? 0) + 1);
  });

  it('shows a stock change on the next read', async () => {
    const product = await createProduct(catalog.prisma, categoryId, { stock: 4 });
    expect((await call(catalog.baseUrl, 'GET', `/api/products/${product.slug}`)).body.stock).toBe(
      4,
    );
    const set = await admin('PUT', `/api/products/${product.id}/stock`, { stock: 40 });
    expect(set.status).toBe(200);
    expect((await call(catalog.baseUrl, 'GET', `/api/products/${product.slug}`)).body.stock).toBe(
      40,
    );
  });
});
