import { randomUUID } from 'node:crypto';
import { OrderHistory } from '@portside/contracts';
import {
  freePort,
  startServiceProcess,
  type ServiceProcess,
  type TestDatabase,
} from '@portside/testkit';
import { createPrismaClient, type PrismaClient } from '../src/adapters/prisma';
import { STEP_FAULTS, type StepFault } from '../src/domain/faults';
import type { ReconciliationReport } from '../src/domain/saga/reconciliation';
import { call } from './support/checkout-client';
import { migratedTestDatabase, TEST_INTERNAL_TOKEN } from './support/order-service';
import { startRealCatalogAndCart, type RealCatalogAndCart } from './support/real-services';
import { checkoutUntilAnswered, type ShopperOutcome } from './support/retrying-shopper';

/*
 * The order service killed with SIGKILL at every step boundary of the saga
 * (its own fault points, so the kill lands exactly there) while shoppers
 * check out concurrently against the real catalog and cart, all as processes
 * on real PostgreSQL and Redis. It is restarted, the shoppers retry with their
 * keys, and then no money and no stock may be unaccounted for.
 */

const SHOPPERS_PER_BOUNDARY = 3;
const ADMIN_TOKEN = 'order-admin-token-for-tests';

let real: RealCatalogAndCart;
let db: TestDatabase;
let prisma: PrismaClient;
let port: number;
let order: ServiceProcess | undefined;
let products: Array<{ id: string; stock: number }>;
const outcomes: Array<ShopperOutcome & { boundary: string; quantity: number; productId: string }> =
  [];

const orderUrl = () => `http://127.0.0.1:${port}`;
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

async function startOrder(): Promise<void> {
  order = await startServiceProcess(
    'order',
    {
      DATABASE_URL: db.url,
      CATALOG_URL: real.catalog.url,
      CART_URL: real.cart.url,
      ADMIN_TOKEN,
      INTERNAL_TOKEN: TEST_INTERNAL_TOKEN,
      // Short enough that retries resume soon after a crash, long enough for a live checkout here.
      CHECKOUT_LEASE_SECONDS: '3',
      RECOVERY_INTERVAL_MS: '1000',
      RESERVATION_TTL_SECONDS: '10',
    },
    port,
  );
}

async function waitUntilDown(): Promise<void> {
  for (;;) {
    const up = await fetch(`${orderUrl()}/readyz`).then(
      () => true,
      () => false,
    );
    if (!up) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const stockOf = async (id: string) =>
  (await call(real.catalog.url, 'GET', `/api/products/${id}`)).body.stock as number;

async function cartWith(productId: string, quantity: number): Promise<string> {
  const created = await call(real.cart.url, 'POST', '/api/carts');
  const id = created.body.id as string;
  const put = await call(real.cart.url, 'PUT', `/api/carts/${id}/items/${productId}`, {
    body: { quantity },
  });
  expect(put.status).toBe(200);
  return id;
}

const reconciliation = async () => {
  const res = await call(orderUrl(), 'GET', '/api/orders/admin/reconciliation', {
    headers: admin,
  });
  expect(res.status).toBe(200);
  return res.body as unknown as ReconciliationReport;
};

beforeAll(async () => {
  real = await startRealCatalogAndCart();
  db = await migratedTestDatabase();
  prisma = createPrismaClient(db.url, 2);
  port = await freePort();
  await startOrder();
  const page = await call(real.catalog.url, 'GET', '/api/products?sort=name&limit=2');
  products = [];
  for (const p of page.body.items as Array<{ id: string }>) {
    const set = await call(real.catalog.url, 'PUT', `/api/products/${p.id}/stock`, {
      body: { stock: 500 },
      headers: { authorization: `Bearer ${real.adminToken}` },
    });
    expect(set.status).toBe(200);
    products.push({ id: p.id, stock: 500 });
  }
}, 180_000);

afterAll(async () => {
  await order?.stop();
  await prisma?.$disconnect();
  await db?.drop();
  await real?.stop();
});

describe('checkout killed with SIGKILL at each step boundary', () => {
  it.each(STEP_FAULTS.map((boundary) => [boundary]))(
    'crash %s: the shoppers retry with their keys and every checkout ends, once',
    async (boundary: StepFault) => {
      const set = await call(orderUrl(), 'PUT', '/api/orders/admin/faults', {
        headers: admin,
        body: { faults: { [boundary]: 'crash' } },
      });
      expect(set.status).toBe(200);

      const shoppers = await Promise.all(
        Array.from({ length: SHOPPERS_PER_BOUNDARY }, async (_, i) => {
          const product = products[i % products.length]!;
          const quantity = 1 + (i % 2);
          return { cartId: await cartWith(product.id, quantity), product, quantity };
        }),
      );
      const running = shoppers.map(async (s) => ({
        ...(await checkoutUntilAnswered(orderUrl, s.cartId, randomUUID())),
        boundary,
        quantity: s.quantity,
        productId: s.product.id,
      }));

      await waitUntilDown();
      await order!.stop();
      await startOrder();
      const answered = await Promise.all(running);
      outcomes.push(...answered);

      for (const a of answered) {
        // Confirmed, or undone by recovery before the shopper came back: never anything else.
        expect([boundary, a.status, a.body.code ?? a.body.status]).toEqual(
          a.status === 201 ? [boundary, 201, 'confirmed'] : [boundary, 409, 'checkout_interrupted'],
        );
      }
      expect(answered.some((a) => a.retries > 0)).toBe(true);
    },
    90_000,
  );

  it('leaves every acknowledged order confirmed and readable, one order per key', async () => {
    const acknowledged = outcomes.filter((o) => o.status === 201);
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const a of acknowledged) {
      const read = await call(orderUrl(), 'GET', `/api/orders/${a.body.id}`, {
        headers: { authorization: `Bearer ${a.body.accessToken}` },
      });
      expect([read.status, read.body.status]).toEqual([200, 'confirmed']);
    }
    const history = await call(orderUrl(), 'GET', '/api/orders', {
      headers: { 'order-tokens': acknowledged.map((a) => a.body.accessToken).join(',') },
    });
    expect(OrderHistory.parse(history.body).items).toHaveLength(acknowledged.length);

    const perKey = await prisma.order.groupBy({ by: ['idempotencyKey'], _count: true });
    expect(perKey.every((k) => k._count === 1)).toBe(true);
    expect(await prisma.order.count()).toBeLessThanOrEqual(outcomes.length);
    const confirmed = await prisma.order.count({ where: { status: 'confirmed' } });
    expect(confirmed).toBe(acknowledged.length);
  });

  it('balances money and stock once recovery has run (twice)', async () => {
    const first = await call(orderUrl(), 'POST', '/api/orders/admin/recovery', { headers: admin });
    const second = await call(orderUrl(), 'POST', '/api/orders/admin/recovery', {
      headers: admin,
    });
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.body).toMatchObject({ confirmed: 0, refunded: 0, released: 0 });

    const report = await reconciliation();
    expect(report.orders.unfinished).toBe(0);
    expect(report.unrefundedChargesWithoutConfirmedOrder).toEqual([]);
    expect(report.confirmedOrdersWithoutCharge).toEqual([]);
    expect(report.payments.netCents).toBe(report.orders.confirmed.totalCents);
    expect(report.ok).toBe(true);
    process.stderr.write(
      `crash-recovery: ${outcomes.length} checkouts, ${STEP_FAULTS.length} kills, ` +
        `${outcomes.filter((o) => o.status === 201).length} acknowledged, ` +
        `${outcomes.filter((o) => o.retries > 0).length} retried, ` +
        `${outcomes.filter((o) => o.status === 409).length} undone by recovery, ` +
        `${report.payments.refunds.count} refunded\n`,
    );

    // Holds a crash orphaned before any order recorded them lapse at catalog (10 s TTL here).
    const acknowledged = outcomes.filter((o) => o.status === 201);
    for (const product of products) {
      const sold = acknowledged
        .filter((a) => a.productId === product.id)
        .reduce((n, a) => n + a.quantity, 0);
      const expected = product.stock - sold;
      let stock = await stockOf(product.id);
      for (let i = 0; i < 60 && stock !== expected; i++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        stock = await stockOf(product.id);
      }
      expect(stock).toBe(expected);
      const counted = report.confirmedQuantities.find((q) => q.productId === product.id);
      expect(counted?.quantity ?? 0).toBe(sold);
    }
  }, 60_000);
});
