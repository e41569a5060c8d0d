/** A cart as stored: quantities by product id, and when it expires if left alone. */
export interface StoredCart {
  id: string;
  quantities: Map<string, number>;
  expiresAt: Date;
}

export type SetQuantityOutcome = 'ok' | 'cart_not_found' | 'cart_full';

/**
 * Where carts live. Every read and write of an existing cart pushes its
 * expiry out again (sliding TTL); no operation brings an expired cart back.
 */
export interface CartStore {
  /** Stores a new, empty cart under this id. */
  create(cartId: string): Promise<StoredCart>;
  /** The cart with its expiry refreshed, or null when unknown or expired. */
  read(cartId: string): Promise<StoredCart | null>;
  exists(cartId: string): Promise<boolean>;
  /** Sets a line (0 removes it); refuses a new line beyond maxLines. */
  setQuantity(
    cartId: string,
    productId: string,
    quantity: number,
    maxLines: number,
  ): Promise<SetQuantityOutcome>;
  /** Removes lines; false when the cart is unknown or expired. */
  removeLines(cartId: string, productIds: readonly string[]): Promise<boolean>;
  /** Deletes the cart; false when there was none. */
  delete(cartId: string): Promise<boolean>;
}
