/** The cart id is a random token from POST /api/carts: whoever holds it owns the cart. */
const KEY = 'portside.cartId';

export function readCartId(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveCartId(id: string): void {
  try {
    localStorage.setItem(KEY, id);
  } catch {
    // Private mode without storage: the cart lives as long as the tab.
  }
}

export function forgetCartId(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing stored, nothing to forget.
  }
}
