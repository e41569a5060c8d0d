import { call, checkoutBody } from './checkout-client';

export interface ShopperOutcome {
  key: string;
  status: number;
  body: Record<string, unknown>;
  /** Requests sent beyond the first (after a dropped connection, a 409 in flight or a 503). */
  retries: number;
}

/** Answers a shopper cannot act on yet: ask again with the same key. */
const retryable = (status: number, code: unknown) =>
  (status === 409 && code === 'idempotency_key_in_flight') ||
  (status === 503 && code !== 'payment_timeout' && code !== 'payment_unavailable');

/**
 * A shopper who keeps its Idempotency-Key and asks again until it gets a
 * definitive answer, as a careful client does (and as Stripe advises).
 */
export async function checkoutUntilAnswered(
  baseUrl: () => string,
  cartId: string,
  key: string,
  { attempts = 400, pauseMs = 150 } = {},
): Promise<ShopperOutcome> {
  const body = checkoutBody(cartId);
  for (let attempt = 0; attempt < attempts; attempt++) {
    try {
      const res = await call(baseUrl(), 'POST', '/api/orders', {
        body,
        headers: { 'idempotency-key': key },
      });
      if (!retryable(res.status, res.body.code)) {
        return { key, status: res.status, body: res.body, retries: attempt };
      }
    } catch {
      // The service died under this request, or is not back yet.
    }
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  throw new Error(`no definitive answer for key ${key} after ${attempts} attempts`);
}
