import { randomUUID } from 'node:crypto';
import type { CheckoutRequest } from '@portside/contracts';

export const CARDS = {
  ok: '4242 4242 4242 4242',
  declined: '4000 0000 0000 0002',
  timesOut: '4000 0000 0000 4087',
};

export function checkoutBody(
  cartId: string,
  overrides: Partial<CheckoutRequest> = {},
): CheckoutRequest {
  return {
    cartId,
    email: 'ada@example.com',
    shippingAddress: {
      name: 'Ada Lovelace',
      line1: '12 Analytical Way',
      city: 'London',
      postalCode: 'N1 9GU',
      country: 'gb',
    },
    payment: { cardNumber: CARDS.ok, expMonth: 12, expYear: 2099, cvc: '123' },
    ...overrides,
  };
}

export interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> & { [key: string]: unknown };
}

export async function call(
  baseUrl: string,
  method: string,
  path: string,
  opts: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...opts.headers },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
}

export function placeOrder(baseUrl: string, body: unknown, key: string | null = randomUUID()) {
  return call(baseUrl, 'POST', '/api/orders', {
    body,
    headers: key === null ? {} : { 'idempotency-key': key },
  });
}
