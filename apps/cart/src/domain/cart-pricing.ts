import type { Cart, CartLine } from '@portside/contracts';
import type { CatalogProduct } from './catalog-gateway';

export interface PricedCart {
  lines: CartLine[];
  itemCount: number;
  subtotalCents: number;
}

/**
 * Prices stored quantities with the catalog's live prices. Lines whose
 * product the catalog no longer knows are left out (and reported, so the
 * caller can drop them). Lines keep the order the products were given in.
 */
export function priceCart(
  quantities: ReadonlyMap<string, number>,
  products: readonly CatalogProduct[],
): PricedCart & { missingProductIds: string[] } {
  const byId = new Map(products.map((p) => [p.id, p]));
  const lines: CartLine[] = [];
  const missingProductIds: string[] = [];
  for (const [productId, quantity] of quantities) {
    const product = byId.get(productId);
    if (!product) {
      missingProductIds.push(productId);
      continue;
    }
    lines.push({
      productId,
      slug: product.slug,
      name: product.name,
      imageUrl: product.imageUrl,
      quantity,
      unitPriceCents: product.priceCents,
      lineTotalCents: product.priceCents * quantity,
      stock: product.stock,
    });
  }
  return {
    lines,
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
    subtotalCents: lines.reduce((sum, line) => sum + line.lineTotalCents, 0),
    missingProductIds,
  };
}

export const CART_CURRENCY: Cart['currency'] = 'USD';
