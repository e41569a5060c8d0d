import { buildCategoryTree, categoryAndDescendants, rootSlugOf } from './category-tree';

const rows = [
  { id: 'e', slug: 'electronics', name: 'Electronics', parentId: null, ownProducts: 2 },
  { id: 'a', slug: 'audio', name: 'Audio', parentId: 'e', ownProducts: 3 },
  { id: 'h', slug: 'headphones', name: 'Headphones', parentId: 'a', ownProducts: 4 },
  { id: 'b', slug: 'books', name: 'Books', parentId: null, ownProducts: 5 },
];

describe('the category tree', () => {
  const tree = buildCategoryTree(rows);

  it('counts products of a category and everything below it', () => {
    expect(tree.map((c) => [c.slug, c.productCount])).toEqual([
      ['electronics', 9],
      ['books', 5],
    ]);
    expect(tree[0]?.children[0]?.productCount).toBe(7);
  });

  it('finds a category with its descendants, or nothing for an unknown slug', () => {
    expect(categoryAndDescendants(tree, 'audio')).toEqual(['a', 'h']);
    expect(categoryAndDescendants(tree, 'books')).toEqual(['b']);
    expect(categoryAndDescendants(tree, 'nope')).toBeUndefined();
  });

  it('knows the top-level category of a nested one', () => {
    expect(rootSlugOf(tree, 'headphones')).toBe('electronics');
    expect(rootSlugOf(tree, 'books')).toBe('books');
  });
});
