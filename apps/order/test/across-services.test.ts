import { randomUUID } from 'node:crypto';
import { call, checkoutBody, CARDS, placeOrder } from './support/checkout-client';
import { startOrderService, type OrderServiceHarness } from './support/order-service';
import { startRealCatalogAndCart, type RealCatalogAndCart } from './support/real-services';

/**
 * The saga against the real catalog and cart (each its own process, on real
 * PostgreSQL and Redis): stock is held and committed by the catalog's own
 * database, not by a stand-in.
 */
describe('checkout across the real catalog and cart', () => {
  let real: RealCatalogAndCart;
  let order: OrderServiceHarness;

  beforeAll(async () => {
    real = await startRealCatalogAndCart();
    order = await startOrderService({ CATALOG_URL: real.catalog.url, CART_URL: real.cart.url });
  }, 180_000);

  afterAll(async () => {
    await order?.close();
    await real?.stop();
  });

  async function productWithStock(stock: number, skip = 0) {
    const page = await call(real.catalog.url, 'GET', `/api/products?sort=name&limit=${skip + 1}`);
    const product = (page.body.items as Array<{ id: string; priceCents: number }>)[skip]!;
    const set = await call(real.catalog.url, 'PUT', `/api/products/${product.id}/stock`, {
      body: { stock },
      headers: { authorization: `Bearer ${real.adminToken}` },
    });
    expect(set.status).toBe(200);
    return product;
  }

  async function cartWith(productId: string, quantity: number) {
    const created = await call(real.cart.url, 'POST', '/api/carts');
    const id = created.body.id as string;
    const put = await call(real.cart.url, 'PUT', `/api/carts/${id}/items/${productId}`, {
      body: { quantity },
    });
    expect(put.status).toBe(200);
    return id;
  }

  const stockOf = async (id: string) =>
    (await call(real.catalog.url, 'GET', `/api/products/${id}`)).body.stock as number;

  it('fifty concurrent checkouts of a product with stock 5 make exactly five orders and leave stock 0', async () => {
    const product = await productWithStock(5, 0);
    const carts = await Promise.all(Array.from({ length: 50 }, () => cartWith(product.id, 1)));

    const answers = await Promise.all(
      carts.map((cartId) => placeOrder(order.baseUrl, checkoutBody(cartId))),
    );

    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(45);
    expect(
      answers.filter((a) => a.status === 409).every((a) => a.body.code === 'out_of_stock'),
    ).toBe(true);
    expect(await stockOf(product.id)).toBe(0);
    expect(await order.prisma.order.count({ where: { status: 'confirmed' } })).toBe(5);
    const placed = answers.find((a) => a.status === 201)!;
    expect(placed.body.totalCents).toBe(product.priceCents + (placed.body.shippingCents as number));
  }, 120_000);

  it('takes prices from the catalog, clears the cart after success and shows the order only to its token', async () => {
    const product = await productWithStock(10, 1);
    const cartId = await cartWith(product.id, 2);

    const placed = await placeOrder(order.baseUrl, checkoutBody(cartId));
    expect(placed.status).toBe(201);
    expect(placed.body.subtotalCents).toBe(product.priceCents * 2);
    expect(await stockOf(product.id)).toBe(8);
    expect((await call(real.cart.url, 'GET', `/api/carts/${cartId}`)).status).toBe(404);

    const path = `/api/orders/${placed.body.id}`;
    const token = placed.body.accessToken as string;
    expect(
      (await call(order.baseUrl, 'GET', path, { headers: { authorization: `Bearer ${token}` } }))
        .body.status,
    ).toBe('confirmed');
    expect((await call(order.baseUrl, 'GET', path)).status).toBe(404);
  }, 60_000);

  it('a declined card confirms no order, gives the stock back and leaves the cart as it was', async () => {
    const product = await productWithStock(7, 2);
    const cartId = await cartWith(product.id, 3);
    const before = await call(real.cart.url, 'GET', `/api/carts/${cartId}`);
    const confirmedBefore = await order.prisma.order.count({ where: { status: 'confirmed' } });

    const declined = await placeOrder(
      order.baseUrl,
      checkoutBody(cartId, {
        payment: { cardNumber: CARDS.declined, expMonth: 12, expYear: 2099, cvc: '123' },
      }),
      randomUUID(),
    );

    expect(declined.status).toBe(402);
    expect(declined.body.code).toBe('card_declined');
    expect(await stockOf(product.id)).toBe(7);
    expect(await order.prisma.order.count({ where: { status: 'confirmed' } })).toBe(
      confirmedBefore,
    );
    const after = await call(real.cart.url, 'GET', `/api/carts/${cartId}`);
    expect(after.body.lines).toEqual(before.body.lines);
  }, 60_000);
});
