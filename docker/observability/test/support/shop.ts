import { randomUUID } from 'node:crypto';

/** An answer through the edge: status, parsed body and headers. */
export async function call(url: string, init: RequestInit = {}) {
  const res = await fetch(url, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string>) },
  });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}

/** The products to shop with: the first page of the seeded catalog. */
export async function products(edge: string): Promise<Array<{ id: string; slug: string }>> {
  const page = await call(`${edge}/api/products?limit=10`);
  return page.body.items;
}

/** One shopper through the edge: a cart with a product, then a checkout with the card that succeeds. */
export async function checkout(edge: string, productId: string) {
  const cart = await call(`${edge}/api/carts`, { method: 'POST' });
  const cartId = cart.body.id as string;
  await call(`${edge}/api/carts/${cartId}/items/${productId}`, {
    method: 'PUT',
    body: JSON.stringify({ quantity: 1 }),
  });
  return call(`${edge}/api/orders`, {
    method: 'POST',
    headers: { 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      cartId,
      email: 'ada@example.com',
      shippingAddress: {
        name: 'Ada Lovelace',
        line1: '12 Analytical Way',
        city: 'London',
        postalCode: 'N1 9GU',
        country: 'gb',
      },
      payment: { cardNumber: '4242 4242 4242 4242', expMonth: 12, expYear: 2099, cvc: '123' },
    }),
  });
}

/**
 * A short, bounded load through the edge over every journey's routes (the k6
 * journeys): browse, view a product and its image, add to a cart, check out,
 * read the order, and one miss. Stays under the edge's rate limits.
 */
export async function shortLoad(edge: string, rounds: number): Promise<number[]> {
  const items = await products(edge);
  const statuses: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const product = items[i % items.length] as { id: string; slug: string };
    const answers = await Promise.all([
      call(`${edge}/api/categories`),
      call(`${edge}/api/products?sort=price&limit=24`),
      call(`${edge}/api/products/${product.slug}`),
      call(`${edge}/api/images/products/${product.slug}.svg`),
      call(`${edge}/api/products/no-such-product-${i}`),
    ]);
    statuses.push(...answers.map((a) => a.status));
    if (i % 4 === 0) {
      const order = await checkout(edge, product.id);
      statuses.push(order.status);
      if (order.status === 201) {
        const read = await call(`${edge}/api/orders/${order.body.id}`, {
          headers: { authorization: `Bearer ${order.body.accessToken}` },
        });
        statuses.push(read.status);
      }
    }
  }
  return statuses;
}
