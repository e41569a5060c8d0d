/** Real ids and tokens from the running stack, so fuzzed requests reach past "not found". */
export interface FuzzWorld {
  productIds: string[];
  productSlugs: string[];
  categoryId: string;
  cartId: string;
  orderId: string;
  orderToken: string;
  adminToken?: string;
}

async function json<T>(res: Response, what: string): Promise<T> {
  if (!res.ok) throw new Error(`${what} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

export async function discoverWorld(baseUrl: string, adminToken?: string): Promise<FuzzWorld> {
  const page = await json<{ items: Array<{ id: string; slug: string; category: { id: string } }> }>(
    await fetch(`${baseUrl}/api/products?limit=5&sort=price`),
    'product search',
  );
  const first = page.items[0];
  if (!first) throw new Error('the catalog has no products to fuzz with');
  const { id: cartId } = await json<{ id: string }>(
    await fetch(`${baseUrl}/api/carts`, { method: 'POST' }),
    'cart creation',
  );
  await json(
    await fetch(`${baseUrl}/api/carts/${cartId}/items/${first.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ quantity: 1 }),
    }),
    'adding to the cart',
  );
  const order = await json<{ id: string; accessToken: string }>(
    await fetch(`${baseUrl}/api/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': `fuzz-${cartId}` },
      body: JSON.stringify(validBodies({ cartId, categoryId: first.category.id }).CheckoutRequest),
    }),
    'checkout',
  );
  const { id: freshCart } = await json<{ id: string }>(
    await fetch(`${baseUrl}/api/carts`, { method: 'POST' }),
    'cart creation',
  );
  return {
    productIds: page.items.map((p) => p.id),
    productSlugs: page.items.map((p) => p.slug),
    categoryId: first.category.id,
    cartId: freshCart,
    orderId: order.id,
    orderToken: order.accessToken,
    adminToken,
  };
}

/** A valid body per request schema of the document, the starting point of mutations. */
export function validBodies(world: Pick<FuzzWorld, 'cartId' | 'categoryId'>) {
  return {
    CreateProduct: {
      slug: `fuzzed-${Date.now()}`,
      name: 'Fuzzed product',
      priceCents: 1299,
      categoryId: world.categoryId,
      stock: 3,
    },
    UpdateProduct: { name: 'Renamed by the fuzzer' },
    SetStock: { stock: 7 },
    SetCartItem: { quantity: 2 },
    CheckoutRequest: {
      cartId: world.cartId,
      email: 'fuzz@example.com',
      shippingAddress: {
        name: 'Ada Lovelace',
        line1: '12 Analytical Way',
        city: 'London',
        postalCode: 'N1 9GU',
        country: 'GB',
      },
      payment: { cardNumber: '4242 4242 4242 4242', expMonth: 12, expYear: 2099, cvc: '123' },
    },
  } as Record<string, Record<string, unknown>>;
}
