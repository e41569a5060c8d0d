import type { ParsedCheckoutRequest } from '@portside/contracts';
import { AppError } from '@portside/service-kit';
import { hashAccessToken } from './access-token';
import { Checkout } from './checkout';
import { PaymentSimulator, TEST_CARDS, type PaymentProvider } from './payment';
import { FakeCart, FakeCatalog, InMemoryOrders, silentLogger } from './testing/fakes';

const CART_ID = 'cart_aaaaaaaaaaaaaaaaaaaaaaaa';
const WIDGET = '11111111-1111-4111-8111-111111111111';
const GADGET = '22222222-2222-4222-8222-222222222222';

function setup(payments: PaymentProvider = new PaymentSimulator()) {
  const cart = new FakeCart();
  const catalog = new FakeCatalog();
  const orders = new InMemoryOrders();
  cart.carts.set(CART_ID, {
    id: CART_ID,
    lines: [
      { productId: WIDGET, name: 'Widget', quantity: 2 },
      { productId: GADGET, name: 'Gadget', quantity: 1 },
    ],
  });
  catalog.prices.set(WIDGET, 1250);
  catalog.prices.set(GADGET, 999);
  const checkout = new Checkout({
    cart,
    catalog,
    orders,
    payments,
    logger: silentLogger,
    settings: {
      reservationTtlSeconds: 600,
      paymentTimeoutMs: 50,
      shipping: { flatCents: 499, freeOverCents: 5000 },
    },
    now: () => new Date('2026-11-25T12:00:00Z'),
  });
  return { cart, catalog, orders, checkout };
}

const request = (cardNumber: string = TEST_CARDS.succeeds): ParsedCheckoutRequest => ({
  cartId: CART_ID,
  email: 'ada@example.com',
  shippingAddress: {
    name: 'Ada',
    line1: '1 Loop Rd',
    city: 'Springfield',
    postalCode: '12345',
    country: 'US',
  },
  payment: { cardNumber, expMonth: 12, expYear: 2030, cvc: '123' },
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected an AppError, got ${String(err)}`);
  return err;
}

describe('Checkout', () => {
  it('charges catalog prices, commits the stock, confirms the order and clears the cart', async () => {
    const { checkout, catalog, cart, orders } = setup();
    const placed = await checkout.placeOrder(request());

    expect(placed.status).toBe('confirmed');
    expect(placed.lines).toEqual([
      {
        productId: WIDGET,
        name: expect.any(String),
        quantity: 2,
        unitPriceCents: 1250,
        lineTotalCents: 2500,
      },
      {
        productId: GADGET,
        name: expect.any(String),
        quantity: 1,
        unitPriceCents: 999,
        lineTotalCents: 999,
      },
    ]);
    expect(placed).toMatchObject({ subtotalCents: 3499, shippingCents: 499, totalCents: 3998 });
    expect(placed.payment).toEqual({ brand: 'visa', last4: '4242' });
    expect(catalog.states()).toEqual(['committed']);
    expect(cart.cleared).toEqual([CART_ID]);
    expect(orders.all()[0]?.accessTokenHash).toBe(hashAccessToken(placed.accessToken));
  });

  it('ships free once the subtotal reaches the threshold', async () => {
    const { checkout, catalog } = setup();
    catalog.prices.set(WIDGET, 2500);
    const placed = await checkout.placeOrder(request());
    expect(placed).toMatchObject({ subtotalCents: 5999, shippingCents: 0, totalCents: 5999 });
  });

  it('rejects an expired card before anything is reserved, naming payment.expYear', async () => {
    const { checkout, catalog } = setup();
    const err = await failure(
      checkout.placeOrder({
        ...request(),
        payment: { ...request().payment, expMonth: 10, expYear: 2026 },
      }),
    );
    expect(err.status).toBe(400);
    expect(err.errors?.[0]?.field).toBe('payment.expYear');
    expect(catalog.reservations.size).toBe(0);
  });

  it('rejects a card number that fails the checksum, naming payment.cardNumber', async () => {
    const { checkout } = setup();
    const err = await failure(checkout.placeOrder(request('4242424242424241')));
    expect(err.status).toBe(400);
    expect(err.errors?.[0]?.field).toBe('payment.cardNumber');
  });

  it('answers 404 cart_not_found for an unknown cart', async () => {
    const { checkout, cart } = setup();
    cart.carts.clear();
    const err = await failure(checkout.placeOrder(request()));
    expect([err.status, err.code]).toEqual([404, 'cart_not_found']);
  });

  it('answers 409 cart_empty for an empty cart', async () => {
    const { checkout, cart, catalog } = setup();
    cart.carts.set(CART_ID, { id: CART_ID, lines: [] });
    const err = await failure(checkout.placeOrder(request()));
    expect([err.status, err.code]).toEqual([409, 'cart_empty']);
    expect(catalog.reservations.size).toBe(0);
  });

  it('answers 409 out_of_stock naming the products and writes no order', async () => {
    const { checkout, catalog, orders } = setup();
    catalog.outOfStock.add(GADGET);
    const err = await failure(checkout.placeOrder(request()));
    expect([err.status, err.code]).toEqual([409, 'out_of_stock']);
    expect(err.extensions).toEqual({ products: [{ productId: GADGET, name: 'Gadget' }] });
    expect(err.message).toContain('Gadget');
    expect(orders.all()).toEqual([]);
  });

  it('answers 409 product_unavailable naming a product catalog no longer sells', async () => {
    const { checkout, catalog, orders } = setup();
    catalog.unknown.add(WIDGET);
    const err = await failure(checkout.placeOrder(request()));
    expect([err.status, err.code]).toEqual([409, 'product_unavailable']);
    expect(err.extensions).toEqual({ products: [{ productId: WIDGET, name: 'Widget' }] });
    expect(orders.all()).toEqual([]);
  });

  it('answers 503 when the cart service is down, holding nothing', async () => {
    const { checkout, cart, catalog } = setup();
    cart.down = true;
    const err = await failure(checkout.placeOrder(request()));
    expect([err.status, err.code]).toEqual([503, 'cart_unavailable']);
    expect(catalog.reservations.size).toBe(0);
  });

  it('answers 503 when catalog cannot reserve, writing no order', async () => {
    const { checkout, catalog, orders } = setup();
    catalog.reserveDown = true;
    const err = await failure(checkout.placeOrder(request()));
    expect(err.status).toBe(503);
    expect(orders.all()).toEqual([]);
  });

  it.each([
    [TEST_CARDS.declined, 'card_declined'],
    [TEST_CARDS.insufficientFunds, 'insufficient_funds'],
    [TEST_CARDS.processingError, 'processing_error'],
    ['5555555555554444', 'card_not_supported'],
  ])(
    'on a %s decline answers 402 %s, releases the stock and fails the order',
    async (card, code) => {
      const { checkout, catalog, orders, cart } = setup();
      const err = await failure(checkout.placeOrder(request(card)));
      expect([err.status, err.code]).toEqual([402, code]);
      expect(catalog.states()).toEqual(['released']);
      expect(orders.all().map((o) => [o.status, o.failureCode])).toEqual([['failed', code]]);
      expect(cart.cleared).toEqual([]);
    },
  );

  it('gives up on a payment that outlasts its budget: 503, stock released, order failed', async () => {
    const { checkout, catalog, orders } = setup();
    const err = await failure(checkout.placeOrder(request(TEST_CARDS.timesOut)));
    expect([err.status, err.code]).toEqual([503, 'payment_timeout']);
    expect(catalog.states()).toEqual(['released']);
    expect(orders.all()[0]?.status).toBe('failed');
  });

  it('bounds the payment even when a provider ignores its abort signal', async () => {
    const stuck: PaymentProvider = {
      charge: () => new Promise(() => undefined),
      refund: async () => undefined,
    };
    const { checkout, catalog } = setup(stuck);
    const err = await failure(checkout.placeOrder(request()));
    expect(err.code).toBe('payment_timeout');
    expect(catalog.states()).toEqual(['released']);
  });

  it('refunds, releases and fails the order when catalog cannot commit: 503', async () => {
    const payments = new PaymentSimulator();
    const refund = jest.spyOn(payments, 'refund');
    const { checkout, catalog, orders } = setup(payments);
    catalog.commitDown = true;
    const err = await failure(checkout.placeOrder(request()));
    expect([err.status, err.code]).toEqual([503, 'catalog_unavailable']);
    expect(refund).toHaveBeenCalledTimes(1);
    expect(catalog.states()).toEqual(['released']);
    expect(orders.all().map((o) => [o.status, o.failureCode])).toEqual([
      ['failed', 'catalog_unavailable'],
    ]);
  });

  it('refunds and fails the order when the stock hold lapsed before commit: 409', async () => {
    const payments = new PaymentSimulator();
    const refund = jest.spyOn(payments, 'refund');
    const { checkout, catalog, orders } = setup(payments);
    catalog.commitGone = true;
    const err = await failure(checkout.placeOrder(request()));
    expect([err.status, err.code]).toEqual([409, 'reservation_expired']);
    expect(refund).toHaveBeenCalledTimes(1);
    expect(orders.all()[0]?.failureCode).toBe('reservation_expired');
  });

  it('still answers the decline when the release itself fails (the hold expires on its own)', async () => {
    const { checkout, catalog, orders } = setup();
    catalog.releaseDown = true;
    const err = await failure(checkout.placeOrder(request(TEST_CARDS.declined)));
    expect(err.code).toBe('card_declined');
    expect(catalog.states()).toEqual(['held']);
    expect(orders.all()[0]?.status).toBe('failed');
  });

  it('releases the stock when the order cannot be stored', async () => {
    const { checkout, catalog, orders } = setup();
    orders.createFails = true;
    await expect(checkout.placeOrder(request())).rejects.toThrow('database is down');
    expect(catalog.states()).toEqual(['released']);
  });

  it('confirms the order even when the cart cannot be cleared', async () => {
    const { checkout, cart } = setup();
    cart.clearFails = true;
    const placed = await checkout.placeOrder(request());
    expect(placed.status).toBe('confirmed');
  });
});
