import { PRICE_BANDS, type CategoryNode, type ProductFacets } from '@portside/contracts';
import type { FacetGroup } from './types';

/**
 * The facets from the search's grouped counts (which ignore the category
 * filter): category counts include everything below each category and stay
 * whole, so the shopper sees where else the query finds things; price bands,
 * stock and the total honour the category filter.
 */
export function facetsOf(
  groups: FacetGroup[],
  tree: CategoryNode[],
  categoryIds: string[] | undefined,
): ProductFacets {
  const own = new Map<string, number>();
  for (const g of groups) own.set(g.categoryId, (own.get(g.categoryId) ?? 0) + g.count);
  const categories: ProductFacets['categories'] = [];
  const count = (node: CategoryNode): number => {
    const total = (own.get(node.id) ?? 0) + node.children.reduce((sum, c) => sum + count(c), 0);
    if (total > 0) categories.push({ slug: node.slug, count: total });
    return total;
  };
  tree.forEach(count);

  const chosen = categoryIds ? new Set(categoryIds) : undefined;
  const inScope = groups.filter((g) => !chosen || chosen.has(g.categoryId));
  const bands = PRICE_BANDS.map((band) => ({ ...band, count: 0 }));
  let inStock = 0;
  let total = 0;
  for (const g of inScope) {
    const band = bands[g.band];
    if (band) band.count += g.count;
    if (g.inStock) inStock += g.count;
    total += g.count;
  }
  return { categories, priceBands: bands, inStock, total };
}
