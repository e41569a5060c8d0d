import type { Cart } from '@portside/contracts';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import * as cartApi from '../api/cart';
import { ApiError } from '../api/problem';
import { withQuantity } from './cartMath';
import { forgetCartId, readCartId, saveCartId } from './cartIdStore';

export type CartApi = typeof cartApi;

type CartState = {
  /** null: no cart yet (or it expired), which the shopper sees as an empty cart. */
  cart: Cart | null;
  status: 'loading' | 'ready' | 'error';
  error?: unknown;
};

export type CartContextValue = CartState & {
  /** Adds to what is already in the cart, creating the cart on first use. */
  addItem(productId: string, quantity?: number): Promise<void>;
  setQuantity(productId: string, quantity: number): Promise<void>;
  removeItem(productId: string): Promise<void>;
  reload(): Promise<void>;
  /** After a successful order the server has emptied the cart: start afresh. */
  forget(): void;
};

const CartContext = createContext<CartContextValue | null>(null);

const isGone = (error: unknown) => error instanceof ApiError && error.status === 404;

export function CartProvider({ children, api = cartApi }: { children: ReactNode; api?: CartApi }) {
  const [state, setState] = useState<CartState>({ cart: null, status: 'loading' });
  const cartId = useRef<string | null>(readCartId());
  // Only the answer to the latest change may replace the cart shown.
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const id = cartId.current;
    if (!id) {
      setState({ cart: null, status: 'ready' });
      return;
    }
    try {
      const cart = await api.fetchCart(id);
      setState({ cart, status: 'ready' });
    } catch (error) {
      if (isGone(error)) {
        cartId.current = null;
        forgetCartId();
        setState({ cart: null, status: 'ready' });
      } else {
        setState((s) => ({ ...s, status: 'error', error }));
      }
    }
  }, [api]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const ensureCartId = useCallback(async (): Promise<string> => {
    if (cartId.current) return cartId.current;
    const { id } = await api.createCart();
    cartId.current = id;
    saveCartId(id);
    return id;
  }, [api]);

  const putQuantity = useCallback(
    async (productId: string, quantity: number): Promise<Cart> => {
      const id = await ensureCartId();
      try {
        return await api.setCartItem(id, productId, quantity);
      } catch (error) {
        if (!isGone(error) || quantity === 0) throw error;
        // The cart expired while the tab was open: start a new one and try once more.
        cartId.current = null;
        forgetCartId();
        return api.setCartItem(await ensureCartId(), productId, quantity);
      }
    },
    [api, ensureCartId],
  );

  const change = useCallback(
    async (productId: string, quantity: number) => {
      const ticket = ++latest.current;
      const before = state.cart;
      if (before) setState((s) => ({ ...s, cart: withQuantity(before, productId, quantity) }));
      try {
        const cart = await putQuantity(productId, quantity);
        if (ticket === latest.current) setState({ cart, status: 'ready' });
      } catch (error) {
        // Put back what the server still has, then let the caller show why.
        if (ticket === latest.current) await reload();
        throw error;
      }
    },
    [putQuantity, reload, state.cart],
  );

  const value = useMemo<CartContextValue>(
    () => ({
      ...state,
      addItem: async (productId, quantity = 1) => {
        const existing = state.cart?.lines.find((l) => l.productId === productId)?.quantity ?? 0;
        const ticket = ++latest.current;
        const cart = await putQuantity(productId, existing + quantity);
        if (ticket === latest.current) setState({ cart, status: 'ready' });
      },
      setQuantity: (productId, quantity) => change(productId, quantity),
      removeItem: (productId) => change(productId, 0),
      reload,
      forget: () => {
        cartId.current = null;
        forgetCartId();
        latest.current++;
        setState({ cart: null, status: 'ready' });
      },
    }),
    [state, putQuantity, change, reload],
  );

  return <CartContext.Provider value={value}>{children}</CartContext.Provider>;
}

export function useCart(): CartContextValue {
  const value = useContext(CartContext);
  if (!value) throw new Error('useCart must be used inside <CartProvider>');
  return value;
}
