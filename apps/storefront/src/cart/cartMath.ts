import type { Cart, CartLine } from '@portside/contracts';

/** The contract's MAX_LINE_QUANTITY, restated so the first page load does not pull in the schemas (checked in a spec). */
export const MAX_LINE_QUANTITY = 99;
/** At or below this many in stock, the shopper is told how many are left. */
export const LOW_STOCK = 5;

export function lineTotalCents(line: Pick<CartLine, 'unitPriceCents' | 'quantity'>): number {
  return line.unitPriceCents * line.quantity;
}

export function summarize(lines: readonly Pick<CartLine, 'unitPriceCents' | 'quantity'>[]): {
  itemCount: number;
  subtotalCents: number;
} {
  let itemCount = 0;
  let subtotalCents = 0;
  for (const line of lines) {
    itemCount += line.quantity;
    subtotalCents += lineTotalCents(line);
  }
  return { itemCount, subtotalCents };
}

/** The most of a line the shopper may ask for: what is in stock, within the per-line cap. */
export function maxQuantity(line: Pick<CartLine, 'stock'>): number {
  return Math.max(0, Math.min(line.stock, MAX_LINE_QUANTITY));
}

/** What to tell the shopper about stock for one line, if anything. */
export function stockNote(line: Pick<CartLine, 'stock' | 'quantity'>): string | undefined {
  if (line.stock === 0) return 'Out of stock: remove it to check out.';
  if (line.quantity > line.stock)
    return `Only ${line.stock} in stock: lower the quantity to check out.`;
  if (line.stock <= LOW_STOCK) return `Only ${line.stock} left.`;
  return undefined;
}

export function canCheckOut(cart: Pick<Cart, 'lines'> | null | undefined): boolean {
  return (
    !!cart && cart.lines.length > 0 && cart.lines.every((l) => l.stock > 0 && l.quantity <= l.stock)
  );
}

/**
 * The cart as it will be once a quantity change lands: shown at once so the
 * subtotal follows the shopper's hand, then replaced by the server's answer.
 */
export function withQuantity(cart: Cart, productId: string, quantity: number): Cart {
  const lines = cart.lines
    .map((l) =>
      l.productId === productId
        ? { ...l, quantity, lineTotalCents: l.unitPriceCents * quantity }
        : l,
    )
    .filter((l) => l.quantity > 0);
  return { ...cart, lines, ...summarize(lines) };
}

/** Identifies the cart's contents: a checkout attempt belongs to exactly one of these. */
export function cartFingerprint(cart: Pick<Cart, 'id' | 'lines'>): string {
  const lines = cart.lines
    .map((l) => `${l.productId}x${l.quantity}`)
    .sort()
    .join(',');
  return `${cart.id}:${lines}`;
}
