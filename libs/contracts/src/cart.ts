import { z } from 'zod';
import { MAX_LINE_QUANTITY } from './catalog';
import { Cents, Currency, IsoDateTime, Slug, Uuid } from './common';

export const MAX_CART_LINES = 50;

/** Cart ids are random tokens: knowing one is what gives access to the cart. */
export const CartId = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/, 'is not a cart id');

export const SetCartItem = z.strictObject({
  quantity: z.number().int().min(0).max(MAX_LINE_QUANTITY),
});
export type SetCartItem = z.infer<typeof SetCartItem>;

export const CartLine = z.strictObject({
  productId: Uuid,
  slug: Slug,
  name: z.string(),
  imageUrl: z.string(),
  quantity: z.number().int().min(1),
  /** Live price from the catalog, read when the cart is read. */
  unitPriceCents: Cents,
  lineTotalCents: Cents,
  /** Stock the catalog has now; the storefront shows the limit. */
  stock: z.number().int().min(0),
});
export type CartLine = z.infer<typeof CartLine>;

export const Cart = z.strictObject({
  id: CartId,
  lines: z.array(CartLine),
  itemCount: z.number().int().min(0),
  subtotalCents: Cents,
  currency: Currency,
  expiresAt: IsoDateTime,
});
export type Cart = z.infer<typeof Cart>;

/**
 * A cart's raw lines, unpriced: what checkout reads, since the catalog prices
 * the lines itself when it reserves them (no second pricing round trip).
 */
export const CartLines = z.strictObject({
  id: CartId,
  lines: z.array(
    z.strictObject({
      productId: Uuid,
      quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY),
    }),
  ),
});
export type CartLines = z.infer<typeof CartLines>;

export const CreatedCart = z.strictObject({ id: CartId });
export type CreatedCart = z.infer<typeof CreatedCart>;
