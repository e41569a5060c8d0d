import type { ParsedCheckoutRequest } from '@portside/contracts';
import { AppError } from '@portside/service-kit';
import { hashAccessToken } from './access-token';
import { randomUUID } from 'node:crypto';
import { Checkout, type CheckoutKey } from './checkout';
import { Faults, type FaultSettings } from './faults';
import { keyIdOf } from './idempotency-seal';
import { PaymentSimulator, TEST_CARDS, type PaymentProvider } from './payment';
import {
  FakeCart,
  FakeCatalog,
  InMemoryLedger,
  InMemoryOrders,
  silentLogger,
} from './testing/fakes';

const CART_ID = 'cart_aaaaaaaaaaaaaaaaaaaaaaaa';
const WIDGET = '11111111-1111-4111-8111-111111111111';
const GADGET = '22222222-2222-4222-8222-222222222222';

const newKey = (): CheckoutKey => {
  const key = randomUUID();
  return { key, keyId: keyIdOf(key), resume: false };
};

function setup(paymentsOrNull: PaymentProvider | null = null, faultSettings: FaultSettings = {}) {
  const ledger = new InMemoryLedger();
  const faults = new Faults({ allowed: true, initial: faultSettings, crash: () => undefined });
  const payments = paymentsOrNull ?? new PaymentSimulator(ledger, faults);
  const cart = new FakeCart();
  const catalog = new FakeCatalog();
  const orders = new InMemoryOrders();
  cart.carts.set(CART_ID, {
    id: CART_ID,
    lines: [
      { productId: WIDGET, quantity: 2 },
      { productId: GADGET, quantity: 1 },
    ],
  });
  cart.names = new Map([
    [WIDGET, 'Widget'],
    [GADGET, 'Gadget'],
  ]);
  catalog.prices.set(WIDGET, 1250);
  catalog.prices.set(GADGET, 999);
  const checkout = new Checkout({
    cart,
    catalog,
    orders,
    payments,
    faults,
    logger: silentLogger,
    settings: {
      reservationTtlSeconds: 600,
      paymentTimeoutMs: 50,
      shipping: { flatCents: 499, freeOverCents: 5000 },
    },
    now: () => new Date('2026-11-25T12:00:00Z'),
  });
  return { cart, catalog, orders, checkout, ledger, faults, payments };
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
    const placed = await checkout.placeOrder(request(), newKey());

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
    const placed = await checkout.placeOrder(request(), newKey());
    expect(placed).toMatchObject({ subtotalCents: 5999, shippingCents: 0, totalCents: 5999 });
  });

  it('rejects an expired card before anything is reserved, naming payment.expYear', async () => {
    const { checkout, catalog } = setup();
    const err = await failure(
      checkout.placeOrder(
        { ...request(), payment: { ...request().payment, expMonth: 10, expYear: 2026 } },
        newKey(),
      ),
    );
    expect(err.status).toBe(400);
    expect(err.errors?.[0]?.field).toBe('payment.expYear');
    expect(catalog.reservations.size).toBe(0);
  });

  it('rejects a card number that fails the checksum, naming payment.cardNumber', async () => {
    const { checkout } = setup();
    const err = await failure(checkout.placeOrder(request('4242424242424241'), newKey()));
    expect(err.status).toBe(400);
    expect(err.errors?.[0]?.field).toBe('payment.cardNumber');
  });

  it('answers 404 cart_not_found for an unknown cart', async () => {
    const { checkout, cart } = setup();
    cart.carts.clear();
    const err = await failure(checkout.placeOrder(request(), newKey()));
    expect([err.status, err.code]).toEqual([404, 'cart_not_found']);
  });

  it('answers 409 cart_empty for an empty cart', async () => {
    const { checkout, cart, catalog } = setup();
    cart.carts.set(CART_ID, { id: CART_ID, lines: [] });
    const err = await failure(checkout.placeOrder(request(), newKey()));
    expect([err.status, err.code]).toEqual([409, 'cart_empty']);
    expect(catalog.reservations.size).toBe(0);
  });

  it('answers 409 out_of_stock naming the products and writes no order', async () => {
    const { checkout, catalog, orders } = setup();
    catalog.outOfStock.add(GADGET);
    const err = await failure(checkout.placeOrder(request(), newKey()));
    expect([err.status, err.code]).toEqual([409, 'out_of_stock']);
    expect(err.extensions).toEqual({ products: [{ productId: GADGET, name: 'Gadget' }] });
    expect(err.message).toContain('Gadget');
    expect(orders.all()).toEqual([]);
  });

  it('answers 409 product_unavailable naming a product catalog no longer sells', async () => {
    const { checkout, catalog, orders } = setup();
    catalog.unknown.add(WIDGET);
    const err = await failure(checkout.placeOrder(request(), newKey()));
    expect([err.status, err.code]).toEqual([409, 'product_unavailable']);
    expect(err.extensions).toEqual({ products: [{ productId: WIDGET, name: 'Widget' }] });
    expect(orders.all()).toEqual([]);
  });

  it('answers 503 when the cart service is down, holding nothing', async () => {
    const { checkout, cart, catalog } = setup();
    cart.down = true;
    const err = await failure(checkout.placeOrder(request(), newKey()));
    expect([err.status, err.code]).toEqual([503, 'cart_unavailable']);
    expect(catalog.reservations.size).toBe(0);
  });

  it('answers 503 when catalog cannot reserve, writing no order', async () => {
    const { checkout, catalog, orders } = setup();
    catalog.reserveDown = true;
    const err = await failure(checkout.placeOrder(request(), newKey()));
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
      const err = await failure(checkout.placeOrder(request(card), newKey()));
      expect([err.status, err.code]).toEqual([402, code]);
      expect(catalog.states()).toEqual(['released']);
      expect(orders.all().map((o) => [o.status, o.failureCode])).toEqual([['failed', code]]);
      expect(cart.cleared).toEqual([]);
    },
  );

  it('gives up on a payment that outlasts its budget: 503, stock released, order failed', async () => {
    const { checkout, catalog, orders } = setup();
    const err = await failure(checkout.placeOrder(request(TEST_CARDS.timesOut), newKey()));
    expect([err.status, err.code]).toEqual([503, 'payment_timeout']);
    expect(catalog.states()).toEqual(['released']);
    expect(orders.all()[0]?.status).toBe('failed');
  });

  it('bounds the payment even when a provider ignores its abort signal', async () => {
    const stuck: PaymentProvider = {
      charge: () => new Promise(() => undefined),
      resolve: async () => ({ charged: false }),
      refund: async () => undefined,
    };
    const { checkout, catalog } = setup(stuck);
    const err = await failure(checkout.placeOrder(request(), newKey()));
    expect(err.code).toBe('payment_timeout');
    expect(catalog.states()).toEqual(['released']);
  });

  it('keeps a charged order when catalog cannot commit (503), and recovery then refunds and releases it', async () => {
    const { checkout, catalog, orders, ledger } = setup();
    catalog.commitDown = true;
    const err = await failure(checkout.placeOrder(request(), newKey()));
    expect([err.status, err.code]).toEqual([503, 'catalog_unavailable']);
    expect(orders.all().map((o) => [o.status, o.step])).toEqual([['pending', 'charged']]);
    expect(ledger.refunds.size).toBe(0);

    const [saga] = await orders.leaseUnfinished();
    expect(await checkout.recover(saga!)).toBe('refunded');
    expect(catalog.states()).toEqual(['released']);
    expect([...ledger.refunds]).toEqual(ledger.charged());
    expect(orders.all()[0]?.failureCode).toBe('checkout_interrupted');
  });

  it('refunds and fails the order when the stock hold lapsed before commit: 409', async () => {
    const { checkout, catalog, orders, payments } = setup();
    const refund = jest.spyOn(payments, 'refund');
    catalog.commitGone = true;
    const err = await failure(checkout.placeOrder(request(), newKey()));
    expect([err.status, err.code]).toEqual([409, 'reservation_expired']);
    expect(refund).toHaveBeenCalledTimes(1);
    expect(orders.all()[0]?.failureCode).toBe('reservation_expired');
  });

  it('still answers the decline when the release itself fails (the hold expires on its own)', async () => {
    const { checkout, catalog, orders } = setup();
    catalog.releaseDown = true;
    const err = await failure(checkout.placeOrder(request(TEST_CARDS.declined), newKey()));
    expect(err.code).toBe('card_declined');
    expect(catalog.states()).toEqual(['held']);
    expect(orders.all()[0]?.status).toBe('failed');
  });

  it('releases the stock when the order cannot be stored', async () => {
    const { checkout, catalog, orders } = setup();
    orders.createFails = true;
    await expect(checkout.placeOrder(request(), newKey())).rejects.toThrow('database is down');
    expect(catalog.states()).toEqual(['released']);
  });

  it('confirms the order even when the cart cannot be cleared', async () => {
    const { checkout, cart } = setup();
    cart.clearFails = true;
    const placed = await checkout.placeOrder(request(), newKey());
    expect(placed.status).toBe('confirmed');
  });

  it('settles a payment that timed out after charging by asking the ledger, and confirms', async () => {
    const { checkout, catalog, ledger } = setup(null, { 'payment-timeout-after-charge': 'on' });
    const placed = await checkout.placeOrder(request(), newKey());
    expect(placed.status).toBe('confirmed');
    expect(ledger.charged()).toHaveLength(1);
    expect(catalog.states()).toEqual(['committed']);
  });

  it('never charges a key twice: a retry after a failure at any boundary resumes the same order', async () => {
    for (const point of [
      'after-order-created',
      'after-charge',
      'after-charge-recorded',
      'after-stock-commit',
    ] as const) {
      const { checkout, orders, ledger, faults, catalog } = setup(null, { [point]: 'fail' });
      const key = newKey();
      const err = await failure(checkout.placeOrder(request(), key));
      expect([point, err.code]).toEqual([point, 'fault_injected']);
      faults.replace({});

      const placed = await checkout.placeOrder(request(), { ...key, resume: true });
      expect([point, placed.status]).toEqual([point, 'confirmed']);
      expect(orders.all()).toHaveLength(1);
      expect(ledger.charged()).toHaveLength(1);
      expect(catalog.states()).toEqual(['committed']);
    }
  });

  it('recovery confirms a charged order whose stock was committed, and releases one never charged', async () => {
    const committed = setup(null, { 'after-stock-commit': 'fail' });
    await failure(committed.checkout.placeOrder(request(), newKey()));
    const [charged] = await committed.orders.leaseUnfinished();
    expect(await committed.checkout.recover(charged!)).toBe('confirmed');
    expect(committed.ledger.refunds.size).toBe(0);

    const reserved = setup(null, { 'after-order-created': 'fail' });
    await failure(reserved.checkout.placeOrder(request(), newKey()));
    const [created] = await reserved.orders.leaseUnfinished();
    expect(await reserved.checkout.recover(created!)).toBe('released');
    expect(reserved.catalog.states()).toEqual(['released']);
    // The key is cancelled at the provider: a late charge with it cannot succeed.
    expect(reserved.ledger.charged()).toEqual([]);
    expect(await reserved.checkout.recover(created!)).toBe('released');
  });
});
