import type { Order, PlacedOrder } from '@portside/contracts';
import { check, group } from 'k6';
import exec from 'k6/execution';
import { get, json, send } from '../lib/api.ts';
import type { CatalogData } from '../lib/catalog-data.ts';
import { TEST_CARD } from '../lib/config.ts';
import { think } from '../lib/think.ts';
import { fillCart } from './add-to-cart.ts';

const tags = { journey: 'checkout' };

/** Unique per attempt across VUs and instances: a retry of the same attempt would reuse it. */
function idempotencyKey(): string {
  const random = Math.random().toString(36).slice(2, 12);
  return `k6-${exec.vu.idInTest}-${exec.vu.iterationInInstance}-${Date.now()}-${random}`;
}

/** The few who buy: fill a cart, pay with the test card, read the confirmation. */
export function checkout(data: CatalogData): void {
  group('checkout', () => {
    const cartId = fillCart('checkout', data);
    if (!cartId) return;
    think(5, 15);

    const vu = exec.vu.idInTest;
    const placed = send(
      'POST',
      'checkout',
      'POST /api/orders',
      '/api/orders',
      {
        cartId,
        email: `loadtest+vu${vu}@example.com`,
        shippingAddress: {
          name: `Load Test ${vu}`,
          line1: '1 Benchmark Way',
          city: 'Springfield',
          postalCode: '12345',
          country: 'US',
        },
        payment: TEST_CARD,
      },
      { 'Idempotency-Key': idempotencyKey() },
    );
    const order = json<PlacedOrder>(placed);
    check(
      placed,
      {
        'checkout: order is placed (201)': (r) => r.status === 201,
        'checkout: order is confirmed': () => order?.status === 'confirmed',
        'checkout: order has an access token': () => typeof order?.accessToken === 'string',
      },
      tags,
    );
    if (!order?.accessToken) return;
    think(1, 3);

    const read = get('checkout', 'GET /api/orders/:id', `/api/orders/${order.id}`, {
      authorization: `Bearer ${order.accessToken}`,
    });
    check(
      read,
      {
        'checkout: confirmation answers 200': (r) => r.status === 200,
        'checkout: confirmation shows the order': () => json<Order>(read)?.id === order.id,
      },
      tags,
    );
  });
}
