import { randomUUID } from 'node:crypto';
import { createMetrics, loadConfig, Readiness } from '@portside/service-kit';
import { createApp } from '../src/app';
import { orderConfigSchema } from '../src/config';
import { call, checkoutBody, placeOrder } from './support/checkout-client';
import {
  startOrderService,
  TEST_INTERNAL_TOKEN,
  type OrderServiceHarness,
} from './support/order-service';

const ADMIN_TOKEN = 'order-admin-token-for-tests';
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const LAMP = randomUUID();
let svc: OrderServiceHarness;

beforeAll(async () => {
  svc = await startOrderService({ ADMIN_TOKEN, FAULTS: 'after-stock-commit:fail' });
  svc.catalog.addProduct(LAMP, { name: 'Desk Lamp', priceCents: 4200, stock: 10 });
});
afterAll(() => svc.close());

const newCart = () =>
  svc.cart.add([{ productId: LAMP, name: 'Desk Lamp', quantity: 1, unitPriceCents: 4200 }]);

describe('fault points and the admin routes', () => {
  it('keeps the key when confirming fails, and the retry confirms the same order, charged once', async () => {
    const key = randomUUID();
    const body = checkoutBody(newCart());
    const failed = await placeOrder(svc.baseUrl, body, key);
    expect([failed.status, failed.body.code]).toEqual([503, 'fault_injected']);
    expect(await svc.prisma.order.findMany({ select: { status: true, step: true } })).toEqual([
      { status: 'pending', step: 'charged' },
    ]);

    const off = await call(svc.baseUrl, 'PUT', '/api/orders/admin/faults', {
      headers: admin,
      body: { faults: {} },
    });
    expect([off.status, off.body.faults]).toEqual([200, {}]);

    const retried = await placeOrder(svc.baseUrl, body, key);
    expect([retried.status, retried.body.status]).toEqual([201, 'confirmed']);
    expect(await svc.prisma.order.count()).toBe(1);
    expect(await svc.prisma.paymentCharge.count({ where: { status: 'succeeded' } })).toBe(1);
    expect(svc.catalog.stockOf(LAMP)).toBe(9);

    const report = await call(svc.baseUrl, 'GET', '/api/orders/admin/reconciliation', {
      headers: admin,
    });
    expect(report.body).toMatchObject({
      ok: true,
      orders: { confirmed: { count: 1, totalCents: retried.body.totalCents }, unfinished: 0 },
      payments: { netCents: retried.body.totalCents },
    });
  });

  it('settles a provider that times out after charging from its ledger: one charge, confirmed', async () => {
    await call(svc.baseUrl, 'PUT', '/api/orders/admin/faults', {
      headers: admin,
      body: { faults: { 'payment-timeout-after-charge': 'on' } },
    });
    const placed = await placeOrder(svc.baseUrl, checkoutBody(newCart()));
    await call(svc.baseUrl, 'PUT', '/api/orders/admin/faults', {
      headers: admin,
      body: { faults: {} },
    });
    expect([placed.status, placed.body.status]).toEqual([201, 'confirmed']);
  });

  it('names a fault it does not know, and guards its routes with the admin token', async () => {
    const bad = await call(svc.baseUrl, 'PUT', '/api/orders/admin/faults', {
      headers: admin,
      body: { faults: { 'after-lunch': 'crash' } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('after-lunch');
    const wrongMode = await call(svc.baseUrl, 'PUT', '/api/orders/admin/faults', {
      headers: admin,
      body: { faults: { 'after-charge': 'explode' } },
    });
    expect(wrongMode.status).toBe(400);

    const path = '/api/orders/admin/reconciliation';
    expect((await call(svc.baseUrl, 'GET', path)).status).toBe(401);
    const wrong = await call(svc.baseUrl, 'GET', path, { headers: { authorization: 'Bearer x' } });
    expect(wrong.status).toBe(403);
  });

  it('refuses fault points in production mode, at boot and at run time', async () => {
    const base = {
      DATABASE_URL: 'postgresql://127.0.0.1:1/none',
      CATALOG_URL: 'http://127.0.0.1:1',
      CART_URL: 'http://127.0.0.1:1',
      DEPLOYMENT_MODE: 'production',
      INTERNAL_TOKEN: TEST_INTERNAL_TOKEN,
      ADMIN_TOKEN,
    };
    const deps = {
      logger: svc.logger,
      metrics: createMetrics('order'),
      readiness: new Readiness(),
      ports: svc.ports,
    };
    expect(() =>
      createApp({
        ...deps,
        config: loadConfig(orderConfigSchema, { ...base, FAULTS: 'after-charge' }),
      }),
    ).toThrow('FAULTS');
    const { faults } = createApp({ ...deps, config: loadConfig(orderConfigSchema, base) });
    expect(() => faults.replace({ 'after-charge': 'crash' })).toThrow('production');
    expect(() => loadConfig(orderConfigSchema, { ...base, FAULTS: 'after-lunch' })).toThrow(
      'unknown fault "after-lunch"',
    );
  });
});
