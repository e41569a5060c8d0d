import type { CategoryNode } from '@portside/contracts';

export type FlatCategory = { slug: string; name: string; depth: number; productCount: number };

/** The tree in display order with each node's depth, for selects and lists. */
export function flattenCategories(nodes: readonly CategoryNode[], depth = 0): FlatCategory[] {
  return nodes.flatMap((n) => [
    { slug: n.slug, name: n.name, depth, productCount: n.productCount },
    ...flattenCategories(n.children, depth + 1),
  ]);
}
