/*
 * What the checkout needs from the other services, as plain TypeScript. The
 * HTTP implementations live in ../data; tests put fakes behind these.
 * Every method throws AppError('unavailable') when the service cannot be reached.
 */

/** A cart's raw lines: what the shopper asked for, unpriced (catalog prices them when reserving). */
export interface CartLineSnapshot {
  productId: string;
  quantity: number;
}

export interface CartSnapshot {
  id: string;
  lines: CartLineSnapshot[];
}

export interface CartGateway {
  /** The cart's raw lines, or null when it does not exist (unknown or expired). */
  getCart(cartId: string): Promise<CartSnapshot | null>;
  clearCart(cartId: string): Promise<void>;
  /** Product names by id, from the cart's priced view: only for naming products in a refusal. */
  productNames(cartId: string): Promise<Map<string, string>>;
}

export interface ReservedLine {
  productId: string;
  name: string;
  quantity: number;
  /** The catalog's price at reservation time: the only price an order charges. */
  unitPriceCents: number;
}

export interface StockReservation {
  id: string;
  lines: ReservedLine[];
}

export type ReserveOutcome =
  | { ok: true; reservation: StockReservation }
  | { ok: false; reason: 'out_of_stock'; productIds: string[] }
  /** Products catalog no longer knows (deleted since they went into the cart). */
  | { ok: false; reason: 'product_unavailable'; productIds: string[] };

/** committed, or gone: the reservation expired or was released before we committed. */
export type CommitOutcome = 'committed' | 'gone';

/** released (or expired, or never known), or committed: a committed hold cannot be released. */
export type ReleaseOutcome = 'released' | 'committed';

export interface CatalogGateway {
  reserve(
    lines: Array<{ productId: string; quantity: number }>,
    ttlSeconds: number,
  ): Promise<ReserveOutcome>;
  commit(reservationId: string): Promise<CommitOutcome>;
  release(reservationId: string): Promise<ReleaseOutcome>;
}
