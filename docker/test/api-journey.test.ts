import { randomUUID } from 'node:crypto';
import { Cart, CreatedCart, PlacedOrder, Order, ProductPage } from '@portside/contracts';
import { currentStack } from './support/stack';

const { baseUrl } = currentStack();
const json = { 'content-type': 'application/json' };

async function call(path: string, init: RequestInit = {}) {
  const response = await fetch(`${baseUrl}${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

describe('the API through the edge', () => {
  it('lets a shopper search, fill a cart, pay with a test card and read the order with its token', async () => {
    const page = await call('/api/products?limit=20&sort=price');
    expect(page.status).toBe(200);
    const product = ProductPage.parse(page.body).items.find((p) => p.stock >= 2);
    if (!product) throw new Error('the seeded catalog has no product in stock');

    const word = product.name.split(/\s+/)[0] as string;
    const search = await call(`/api/products?q=${encodeURIComponent(word)}`);
    expect(search.status).toBe(200);
    expect(ProductPage.parse(search.body).items.length).toBeGreaterThan(0);

    const created = await call('/api/carts', { method: 'POST', headers: json, body: '{}' });
    expect(created.status).toBe(201);
    const { id: cartId } = CreatedCart.parse(created.body);

    const filled = await call(`/api/carts/${cartId}/items/${product.id}`, {
      method: 'PUT',
      headers: json,
      body: JSON.stringify({ quantity: 2 }),
    });
    expect(filled.status).toBe(200);
    expect(Cart.parse(filled.body).lines).toEqual([
      expect.objectContaining({ productId: product.id, quantity: 2 }),
    ]);

    const checkout = await call('/api/orders', {
      method: 'POST',
      headers: { ...json, 'idempotency-key': randomUUID() },
      body: JSON.stringify({
        cartId,
        email: 'shopper@example.com',
        shippingAddress: {
          name: 'Ada Shopper',
          line1: '1 Harbour Road',
          city: 'Portsmouth',
          postalCode: 'PO1 1AA',
          country: 'GB',
        },
        payment: { cardNumber: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, cvc: '123' },
      }),
    });
    expect(checkout.status).toBe(201);
    const order = PlacedOrder.parse(checkout.body);
    expect(order).toMatchObject({
      status: 'confirmed',
      lines: [expect.objectContaining({ productId: product.id, quantity: 2 })],
    });
    expect(order.totalCents).toBe(order.subtotalCents + order.shippingCents);

    const read = await call(`/api/orders/${order.id}`, {
      headers: { authorization: `Bearer ${order.accessToken}` },
    });
    expect(read.status).toBe(200);
    expect(Order.parse(read.body).id).toBe(order.id);

    const stranger = await call(`/api/orders/${order.id}`);
    expect(stranger.status).toBe(404);
  });

  it('answers an /api path that no service owns with a problem+json 404', async () => {
    const response = await call('/api/unknown/thing');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 404, title: 'Not Found' });
  });

  it('serves the OpenAPI document of the API, generated from the contracts', async () => {
    const response = await fetch(`${baseUrl}/api/openapi.json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      openapi: '3.1.0',
      paths: { '/api/products': { get: { operationId: 'searchProducts' } } },
    });
  });

  it('never routes the services’ internal paths from outside', async () => {
    const response = await fetch(`${baseUrl}/internal/reservations`, {
      method: 'POST',
      headers: json,
      body: '{}',
    });
    expect(response.headers.get('content-type') ?? '').not.toMatch(/json/);
    expect(response.status).not.toBe(201);
  });

  it('passes the caller’s X-Request-Id to the service and back, and makes one when absent', async () => {
    const given = await fetch(`${baseUrl}/api/categories`, {
      headers: { 'x-request-id': 'journey-req-42' },
    });
    expect(given.headers.get('x-request-id')).toBe('journey-req-42');
    const made = await fetch(`${baseUrl}/api/categories`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
  });
});
