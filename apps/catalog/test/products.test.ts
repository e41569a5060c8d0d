import { CategoryTree, Product, ProductPage, type CategoryNode } from '@portside/contracts';
import type { TestDatabase } from '@portside/testkit';
import { createPrisma } from '../src/adapters/prisma';
import { seedCatalog } from '../src/seed/seed';
import {
  call,
  createCatalogDatabase,
  startCatalog,
  type CatalogUnderTest,
} from './support/catalog-under-test';

let db: TestDatabase;
let catalog: CatalogUnderTest;

beforeAll(async () => {
  db = await createCatalogDatabase({ seed: true });
  catalog = await startCatalog(db.url);
});

afterAll(async () => {
  await catalog?.stop();
  await db?.drop();
});

const get = (path: string) => call(catalog.baseUrl, 'GET', path);

/** Follows nextCursor to the end; fails on a page that repeats a product. */
async function allPages(query: string): Promise<Product[]> {
  const seen: Product[] = [];
  let cursor: string | null = null;
  do {
    const suffix: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await get(`/api/products?${query}${suffix}`);
    expect(page.status).toBe(200);
    const body = ProductPage.parse(page.body);
    seen.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor);
  return seen;
}

describe('listing products', () => {
  it('answers pages in the contract shape, newest first by default', async () => {
    const res = await get('/api/products?limit=5');
    expect(res.status).toBe(200);
    const page = ProductPage.parse(res.body);
    expect(page.items).toHaveLength(5);
    expect(page.nextCursor).toEqual(expect.any(String));
    const dates = page.items.map((p) => p.createdAt);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('sends the page as UTF-8 JSON with its length and the security headers, and HEAD alike', async () => {
    const get = await fetch(`${catalog.baseUrl}/api/products?limit=3`);
    const bytes = Buffer.from(await get.arrayBuffer());
    expect(get.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(Number(get.headers.get('content-length'))).toBe(bytes.length);
    expect(get.headers.get('x-content-type-options')).toBe('nosniff');
    ProductPage.parse(JSON.parse(bytes.toString('utf8')));
    const head = await fetch(`${catalog.baseUrl}/api/products?limit=3`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(bytes.length));
    expect(await head.text()).toBe('');
  });

  it.each(['newest', 'price', '-price', 'name'])(
    'walks every product exactly once when sorted by %s, pages of 37',
    async (sort) => {
      const items = await allPages(`sort=${sort}&limit=37`);
      const total = await catalog.prisma.product.count();
      expect(items).toHaveLength(total);
      expect(new Set(items.map((p) => p.id)).size).toBe(total);
    },
  );

  it('orders by price with ties broken the same way on every page', async () => {
    const items = await allPages('sort=price&limit=50');
    for (let i = 1; i < items.length; i++) {
      const [a, b] = [items[i - 1] as Product, items[i] as Product];
      expect(a.priceCents < b.priceCents || (a.priceCents === b.priceCents && a.id < b.id)).toBe(
        true,
      );
    }
  });

  it('orders by descending price', async () => {
    const prices = (await allPages('sort=-price&limit=100')).map((p) => p.priceCents);
    expect(prices).toEqual([...prices].sort((a, b) => b - a));
  });

  it('pages through equal sort keys without gaps or repeats', async () => {
    const category = await catalog.prisma.category.findFirstOrThrow({ where: { slug: 'books' } });
    const tied = await catalog.prisma.product.findMany({ where: { categoryId: category.id } });
    await catalog.prisma.product.updateMany({
      where: { categoryId: category.id },
      data: { priceCents: 1234 },
    });
    await catalog.redis.incr(`${catalog.keyPrefix}catalog:version:content`);
    const items = await allPages('category=books&sort=price&limit=4');
    expect(items.map((p) => p.id).sort()).toEqual(tied.map((p) => p.id).sort());
  });

  it('filters by a price range, bounds included', async () => {
    const items = await allPages('minPrice=2000&maxPrice=5000&limit=100');
    const expected = await catalog.prisma.product.count({
      where: { priceCents: { gte: 2000, lte: 5000 } },
    });
    expect(items).toHaveLength(expected);
    expect(items.every((p) => p.priceCents >= 2000 && p.priceCents <= 5000)).toBe(true);
  });

  it('filters by a category including its subcategories', async () => {
    const tree = CategoryTree.parse((await get('/api/categories')).body);
    const electronics = tree.items.find((c) => c.slug === 'electronics') as CategoryNode;
    const slugs = new Set([electronics.slug, ...electronics.children.map((c) => c.slug)]);
    const items = await allPages('category=electronics&limit=100');
    expect(items).toHaveLength(electronics.productCount);
    expect(items.every((p) => slugs.has(p.category.slug))).toBe(true);
    expect(new Set(items.map((p) => p.category.slug)).size).toBeGreaterThan(1);
  });

  it('finds products by words of their name and description, best match first', async () => {
    const res = await get('/api/products?q=wireless%20charger&limit=10');
    const page = ProductPage.parse(res.body);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items[0]?.name).toMatch(/Wireless Charger/);
    const all = await allPages('q=charger&limit=7');
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((p) => /charg/i.test(`${p.name} ${p.description}`))).toBe(true);
    expect(new Set(all.map((p) => p.id)).size).toBe(all.length);
  });

  it('combines a text query with a category and a price filter', async () => {
    const items = await allPages('q=cotton&category=home&maxPrice=20000&limit=5');
    expect(items.every((p) => p.category.slug === 'home' && p.priceCents <= 20000)).toBe(true);
  });

  it('returns exactly the products asked for by id', async () => {
    const some = await catalog.prisma.product.findMany({ take: 30, orderBy: { slug: 'asc' } });
    const res = await get(`/api/products?ids=${some.map((p) => p.id).join(',')}`);
    const page = ProductPage.parse(res.body);
    expect(page.items.map((p) => p.id).sort()).toEqual(some.map((p) => p.id).sort());
  });
});

describe('refusing bad listing queries', () => {
  it.each([
    ['limit=0', 'limit'],
    ['limit=1000', 'limit'],
    ['minPrice=-1', 'minPrice'],
    ['minPrice=500&maxPrice=100', 'maxPrice'],
    ['sort=cheapest', 'sort'],
    ['ids=not-a-uuid', 'ids'],
    ['cursor=garbage', 'cursor'],
    ['category=no-such-category', 'category'],
    ['colour=red', 'colour'],
  ])('answers 400 problem+json naming the field for %s', async (query, field) => {
    const res = await get(`/api/products?${query}`);
    expect(res.status).toBe(400);
    expect(res.contentType).toContain('application/problem+json');
    const fields: string[] = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields.some((f) => f === field || f.startsWith(`${field}.`))).toBe(true);
  });

  it('refuses a tampered cursor whose key cannot be its sort column, as 400 naming the cursor', async () => {
    const first = ProductPage.parse((await get('/api/products?sort=price&limit=2')).body);
    const { i } = JSON.parse(Buffer.from(first.nextCursor ?? '', 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ o: 'price', k: 'abc', i })).toString('base64url');
    const res = await get(`/api/products?sort=price&cursor=${tampered}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('cursor');
  });

  it('refuses a cursor used with another sort order', async () => {
    const first = ProductPage.parse((await get('/api/products?sort=price&limit=2')).body);
    const res = await get(`/api/products?sort=name&cursor=${first.nextCursor}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('cursor');
  });
});

describe('reading one product', () => {
  it('finds a product by id and by slug', async () => {
    const stored = await catalog.prisma.product.findFirstOrThrow({ orderBy: { slug: 'asc' } });
    const byId = Product.parse((await get(`/api/products/${stored.id}`)).body);
    const bySlug = Product.parse((await get(`/api/products/${stored.slug}`)).body);
    expect(byId).toEqual(bySlug);
    expect(byId).toMatchObject({
      id: stored.id,
      stock: stored.stock,
      priceCents: stored.priceCents,
    });
  });

  it('answers 404 problem+json for an unknown product', async () => {
    const neitherIdNorSlug = ['%00', 'Caf%C3%A9%00', '..%2F..%2Finternal'];
    for (const key of [
      'no-such-product',
      '00000000-0000-4000-8000-000000000000',
      ...neitherIdNorSlug,
    ]) {
      const res = await get(`/api/products/${key}`);
      expect(res.status).toBe(404);
      expect(res.contentType).toContain('application/problem+json');
    }
  });
});

describe('the category tree', () => {
  it('counts each category with everything below it', async () => {
    const tree = CategoryTree.parse((await get('/api/categories')).body);
    expect(tree.items.length).toBeGreaterThanOrEqual(10);
    const total = tree.items.reduce((sum, c) => sum + c.productCount, 0);
    expect(total).toBe(await catalog.prisma.product.count());
    for (const parent of tree.items.filter((c) => c.children.length > 0)) {
      const own = await catalog.prisma.product.count({
        where: { category: { slug: parent.slug } },
      });
      const below = parent.children.reduce((sum, c) => sum + c.productCount, 0);
      expect(parent.productCount).toBe(own + below);
    }
  });
});

describe('product images', () => {
  it('serves a product its generated picture, cacheable forever', async () => {
    const product = await catalog.prisma.product.findFirstOrThrow({ orderBy: { slug: 'asc' } });
    const res = await fetch(`${catalog.baseUrl}${product.imageUrl}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    expect(res.headers.get('cache-control')).toContain('immutable');
    const svg = await res.text();
    expect(svg).toContain('<svg');
    expect(svg).toContain(product.name);
    const again = await (await fetch(`${catalog.baseUrl}${product.imageUrl}`)).text();
    expect(again).toBe(svg);
  });

  it('answers 404 for a product that does not exist', async () => {
    const res = await call(catalog.baseUrl, 'GET', '/api/images/products/no-such-product.svg');
    expect(res.status).toBe(404);
    expect(res.contentType).toContain('application/problem+json');
  });
});

describe('the seed', () => {
  it('fills at least 500 products over at least 10 categories, and does nothing a second time', async () => {
    const products = await catalog.prisma.product.count();
    expect(products).toBeGreaterThanOrEqual(500);
    expect(
      await catalog.prisma.category.count({ where: { parentId: null } }),
    ).toBeGreaterThanOrEqual(10);
    const seeder = createPrisma(db.url, 1);
    try {
      await expect(seedCatalog(seeder)).resolves.toEqual({ seeded: false });
    } finally {
      await seeder.$disconnect();
    }
    expect(await catalog.prisma.product.count()).toBe(products);
  });
});
