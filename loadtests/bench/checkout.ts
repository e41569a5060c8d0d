import { randomUUID } from 'node:crypto';
import type { Request } from 'autocannon';

/** One checkout per request, each with its own cart and Idempotency-Key, paid with the success card. */
export function checkoutRequest(nextCart: () => string): Request {
  return {
    method: 'POST',
    path: '/api/orders',
    setupRequest: (req) => ({
      ...req,
      headers: {
        ...req.headers,
        'content-type': 'application/json',
        'idempotency-key': `bench-${randomUUID()}`,
      },
      body: JSON.stringify({
        cartId: nextCart(),
        email: 'bench@example.com',
        shippingAddress: {
          name: 'Bench',
          line1: '1 Benchmark Way',
          city: 'Springfield',
          postalCode: '12345',
          country: 'US',
        },
        payment: { cardNumber: '4242 4242 4242 4242', expMonth: 12, expYear: 2034, cvc: '123' },
      }),
    }),
  };
}
