import type { CategoryNode } from '@portside/contracts';
import { facetsOf } from './facets';

const node = (id: string, children: CategoryNode[] = []): CategoryNode => ({
  id,
  slug: id,
  name: id,
  productCount: 0,
  children,
});
const tree = [node('home', [node('kitchen'), node('garden')]), node('outdoor')];

describe('facets', () => {
  const groups = [
    { categoryId: 'kitchen', band: 0, inStock: true, count: 3 },
    { categoryId: 'kitchen', band: 2, inStock: false, count: 1 },
    { categoryId: 'home', band: 4, inStock: true, count: 2 },
    { categoryId: 'outdoor', band: 0, inStock: true, count: 5 },
  ];

  it('counts each category with everything below it, leaving out empty ones', () => {
    const { categories } = facetsOf(groups, tree, undefined);
    expect(categories).toEqual(
      expect.arrayContaining([
        { slug: 'home', count: 6 },
        { slug: 'kitchen', count: 4 },
        { slug: 'outdoor', count: 5 },
      ]),
    );
    expect(categories.find((c) => c.slug === 'garden')).toBeUndefined();
  });

  it('counts price bands, stock and the total within the chosen categories only', () => {
    const facets = facetsOf(groups, tree, ['home', 'kitchen', 'garden']);
    expect(facets.priceBands.map((b) => b.count)).toEqual([3, 0, 1, 0, 2]);
    expect(facets.inStock).toBe(5);
    expect(facets.total).toBe(6);
    // Category counts stay whole, so other categories remain visible.
    expect(facets.categories.find((c) => c.slug === 'outdoor')?.count).toBe(5);
  });
});
