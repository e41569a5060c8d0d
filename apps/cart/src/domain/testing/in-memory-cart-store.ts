import type { CartStore, StoredCart } from '../cart-store';

/** CartStore semantics without Redis, for domain specs. `expire` plays the TTL running out. */
export class InMemoryCartStore implements CartStore {
  private readonly carts = new Map<string, Map<string, number>>();

  expire(cartId: string) {
    this.carts.delete(cartId);
  }

  quantitiesOf(cartId: string) {
    return this.carts.get(cartId);
  }

  async create(cartId: string) {
    this.carts.set(cartId, new Map());
    return this.snapshot(cartId, new Map());
  }

  async read(cartId: string) {
    const lines = this.carts.get(cartId);
    return lines ? this.snapshot(cartId, lines) : null;
  }

  async exists(cartId: string) {
    return this.carts.has(cartId);
  }

  async setQuantity(cartId: string, productId: string, quantity: number, maxLines: number) {
    const lines = this.carts.get(cartId);
    if (!lines) return 'cart_not_found' as const;
    if (quantity === 0) lines.delete(productId);
    else if (!lines.has(productId) && lines.size >= maxLines) return 'cart_full' as const;
    else lines.set(productId, quantity);
    return 'ok' as const;
  }

  async removeLines(cartId: string, productIds: readonly string[]) {
    const lines = this.carts.get(cartId);
    if (!lines) return false;
    for (const id of productIds) lines.delete(id);
    return true;
  }

  async delete(cartId: string) {
    return this.carts.delete(cartId);
  }

  private snapshot(id: string, lines: Map<string, number>): StoredCart {
    return { id, quantities: new Map(lines), expiresAt: new Date(Date.now() + 3600_000) };
  }
}
