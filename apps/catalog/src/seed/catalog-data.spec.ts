import { buildSeedCatalog, slugify } from './catalog-data';

describe('the seed catalog', () => {
  const catalog = buildSeedCatalog();

  it('is the same on every run', () => {
    expect(buildSeedCatalog()).toEqual(catalog);
  });

  it('has at least 500 products over at least 10 categories, some nested', () => {
    expect(catalog.products.length).toBeGreaterThanOrEqual(500);
    expect(catalog.categories.filter((c) => c.parentId === null).length).toBeGreaterThanOrEqual(10);
    expect(catalog.categories.some((c) => c.parentId !== null)).toBe(true);
    const used = new Set(catalog.products.map((p) => p.categoryId));
    expect(used.size).toBe(catalog.categories.length);
  });

  it('gives every product a unique slug, a price in cents, stock and its generated picture', () => {
    expect(new Set(catalog.products.map((p) => p.slug)).size).toBe(catalog.products.length);
    for (const p of catalog.products) {
      expect(Number.isInteger(p.priceCents) && p.priceCents > 0).toBe(true);
      expect(Number.isInteger(p.stock) && p.stock >= 0).toBe(true);
      expect(p.imageUrl).toBe(`/api/images/products/${p.slug}.svg`);
      expect(p.description).toContain(p.name);
    }
  });

  it('spreads creation dates over the year', () => {
    const days = new Set(catalog.products.map((p) => p.createdAt.toISOString().slice(0, 10)));
    expect(days.size).toBeGreaterThan(200);
  });

  // Beyond the 32,400 names adjective x line x noun can make: finishes keep them distinct.
  // (100,000 works the same way; building it here would cost CI 15 s.)
  it('grows past the names words alone can make, with distinct slugs', () => {
    const large = buildSeedCatalog(40_000);
    expect(large.products).toHaveLength(40_000);
    expect(new Set(large.products.map((p) => p.slug)).size).toBe(40_000);
  });

  it('makes slugs of lowercase words joined by hyphens', () => {
    expect(slugify('Phones & Accessories')).toBe('phones-and-accessories');
    expect(slugify('  T-Shirt (Blue) ')).toBe('t-shirt-blue');
  });
});
