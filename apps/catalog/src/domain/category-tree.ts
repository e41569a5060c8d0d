import type { CategoryNode } from '@portside/contracts';
import type { CategoryRow } from './types';

/** Builds the tree; each count includes every category below it. Children keep the rows' order. */
export function buildCategoryTree(rows: CategoryRow[]): CategoryNode[] {
  const nodes = new Map<string, CategoryNode>();
  for (const row of rows) {
    nodes.set(row.id, {
      id: row.id,
      slug: row.slug,
      name: row.name,
      productCount: 0,
      children: [],
    });
  }
  const roots: CategoryNode[] = [];
  for (const row of rows) {
    const node = nodes.get(row.id) as CategoryNode;
    const parent = row.parentId ? nodes.get(row.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const own = new Map(rows.map((r) => [r.id, r.ownProducts]));
  const total = (node: CategoryNode): number => {
    node.productCount =
      (own.get(node.id) ?? 0) + node.children.reduce((sum, c) => sum + total(c), 0);
    return node.productCount;
  };
  roots.forEach(total);
  return roots;
}

/** The category with this slug and every category below it, or undefined when no such slug. */
export function categoryAndDescendants(tree: CategoryNode[], slug: string): string[] | undefined {
  const find = (nodes: CategoryNode[]): CategoryNode | undefined => {
    for (const node of nodes) {
      if (node.slug === slug) return node;
      const below = find(node.children);
      if (below) return below;
    }
    return undefined;
  };
  const start = find(tree);
  if (!start) return undefined;
  const ids: string[] = [];
  const collect = (node: CategoryNode) => {
    ids.push(node.id);
    node.children.forEach(collect);
  };
  collect(start);
  return ids;
}

/** The top-level category a category sits under (itself when it is top-level). */
export function rootSlugOf(tree: CategoryNode[], slug: string): string | undefined {
  for (const root of tree) {
    if (categoryAndDescendants([root], slug)) return root.slug;
  }
  return undefined;
}
