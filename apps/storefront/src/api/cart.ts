import type { Cart, CreatedCart } from '@portside/contracts';
import { apiRequest } from './http';

const cartPath = (cartId: string) => `/api/carts/${encodeURIComponent(cartId)}`;

export function createCart(): Promise<CreatedCart> {
  return apiRequest<CreatedCart>('/api/carts', { method: 'POST' });
}

export function fetchCart(cartId: string, signal?: AbortSignal): Promise<Cart> {
  return apiRequest<Cart>(cartPath(cartId), { signal });
}

/** Sets a line's quantity (0 removes it). Answers with the cart as it now is. */
export function setCartItem(cartId: string, productId: string, quantity: number): Promise<Cart> {
  return apiRequest<Cart>(`${cartPath(cartId)}/items/${encodeURIComponent(productId)}`, {
    method: 'PUT',
    body: { quantity },
  });
}
