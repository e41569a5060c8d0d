import type { Cart, PlacedOrder } from '@portside/contracts';
import { placeOrder } from '../api/orders';
import { ApiError } from '../api/problem';
import { cartFingerprint } from '../cart/cartMath';
import { toCheckoutRequest, type CheckoutFormValues } from './checkoutFormModel';
import { rememberOrderToken } from '../orders/orderTokens';
import { forgetCheckoutAttempt, idempotencyKeyFor } from './idempotencyKey';

export type PlaceOrder = typeof placeOrder;

/**
 * Answers that close an attempt for good: the server finished it and made no
 * order (declined, invalid, out of stock, key misuse), so the next press is a new
 * attempt. Anything else (network failure, 5xx, 409 still in flight) leaves the
 * outcome unknown, and the key is kept so a retry cannot make a second order.
 */
export function closesAttempt(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  if (error.status === 409) return error.code !== 'idempotency_key_in_flight';
  return error.status >= 400 && error.status < 500;
}

/** Sends the checkout under this attempt's Idempotency-Key. */
export async function submitCheckout(
  cart: Pick<Cart, 'id' | 'lines'>,
  values: CheckoutFormValues,
  send: PlaceOrder = placeOrder,
  storage: Storage = sessionStorage,
): Promise<PlacedOrder> {
  const request = toCheckoutRequest(cart.id, values);
  const key = idempotencyKeyFor({ cart: cartFingerprint(cart), request }, storage);
  try {
    const order = await send(request, key);
    rememberOrderToken(order.accessToken);
    forgetCheckoutAttempt(storage);
    return order;
  } catch (error) {
    if (closesAttempt(error)) forgetCheckoutAttempt(storage);
    throw error;
  }
}
