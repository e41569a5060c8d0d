import type { Cart, CartLine } from '@portside/contracts';
import { ApiError } from '../api/problem';
import type { CartApi } from '../cart/CartContext';
import { cart as cartOf, cartLine } from './fixtures';

type Stocked = Omit<CartLine, 'quantity' | 'lineTotalCents'>;

/**
 * An in-memory stand-in for the cart service with its rules (stock limit -> 409,
 * unknown cart -> 404), so components can be exercised without a network.
 */
export function fakeCartApi(catalog: Stocked[], initial: Record<string, number> = {}) {
  const products = catalog.map((p) => ({ ...p }));
  const carts = new Map<string, Record<string, number>>();
  const id = 'k'.repeat(32);
  carts.set(id, { ...initial });
  const calls: { productId: string; quantity: number }[] = [];

  const view = (cartId: string): Cart => {
    const items = carts.get(cartId);
    if (!items)
      throw new ApiError(404, { type: '/problems/not-found', title: 'Not found', status: 404 });
    const lines = Object.entries(items).map(([productId, quantity]) => {
      const p = products.find((x) => x.productId === productId)!;
      return cartLine({ ...p, quantity });
    });
    return cartOf(lines, cartId);
  };

  const api: CartApi = {
    createCart: async () => {
      const newId = `n${carts.size}`.padEnd(32, 'x');
      carts.set(newId, {});
      return { id: newId };
    },
    fetchCart: async (cartId) => view(cartId),
    setCartItem: async (cartId, productId, quantity) => {
      calls.push({ productId, quantity });
      const items = carts.get(cartId);
      if (!items) return view(cartId);
      const product = products.find((p) => p.productId === productId)!;
      if (quantity > product.stock)
        throw new ApiError(409, {
          type: '/problems/out-of-stock',
          title: 'Conflict',
          status: 409,
          code: 'insufficient_stock',
          detail: `Only ${product.stock} of ${product.name} in stock`,
        });
      if (quantity === 0) delete items[productId];
      else items[productId] = quantity;
      return view(cartId);
    },
  };
  /** Stock moves under the shopper's feet: another customer bought some. */
  const setStock = (productId: string, stock: number) => {
    products.find((p) => p.productId === productId)!.stock = stock;
  };
  /** The cart's TTL ran out while the tab stayed open. */
  const expire = () => carts.delete(id);
  return { api, cartId: id, calls, setStock, expire };
}
