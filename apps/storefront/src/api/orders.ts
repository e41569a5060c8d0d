import {
  IDEMPOTENCY_KEY_HEADER,
  ORDER_TOKENS_HEADER,
  type CheckoutRequest,
  type Order,
  type OrderHistory,
  type PlacedOrder,
} from '@portside/contracts';
import { apiRequest } from './http';

export function placeOrder(request: CheckoutRequest, idempotencyKey: string): Promise<PlacedOrder> {
  return apiRequest<PlacedOrder>('/api/orders', {
    method: 'POST',
    body: request,
    headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
  });
}

export function fetchOrder(
  orderId: string,
  accessToken: string,
  signal?: AbortSignal,
): Promise<Order> {
  return apiRequest<Order>(`/api/orders/${encodeURIComponent(orderId)}`, {
    headers: { authorization: `Bearer ${accessToken}` },
    signal,
  });
}

/** The orders of the tokens this browser holds: history never goes by email. */
export function fetchOrderHistory(tokens: string[], signal?: AbortSignal): Promise<OrderHistory> {
  return apiRequest<OrderHistory>('/api/orders', {
    headers: { [ORDER_TOKENS_HEADER]: tokens.join(',') },
    signal,
  });
}
