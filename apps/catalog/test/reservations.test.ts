import { Reservation } from '@portside/contracts';
import type { TestDatabase } from '@portside/testkit';
import {
  INTERNAL_TOKEN,
  call,
  createCatalogDatabase,
  startCatalog,
  type CatalogUnderTest,
} from './support/catalog-under-test';
import { createCategory, createProduct } from './support/fixtures';

let db: TestDatabase;
let catalog: CatalogUnderTest;
let categoryId: string;

beforeAll(async () => {
  db = await createCatalogDatabase();
  catalog = await startCatalog(db.url);
  categoryId = (await createCategory(catalog.prisma)).id;
});

afterAll(async () => {
  await catalog?.stop();
  await db?.drop();
});

const post = (path: string, body?: unknown) =>
  call(catalog.baseUrl, 'POST', path, { body, token: INTERNAL_TOKEN });
const stockOf = async (id: string) =>
  (await catalog.prisma.product.findUniqueOrThrow({ where: { id } })).stock;
const product = (opts?: Parameters<typeof createProduct>[2]) =>
  createProduct(catalog.prisma, categoryId, opts);

describe('the internal routes', () => {
  it('refuse a caller without the internal token (401) or with another token (403)', async () => {
    const lamp = await product({ stock: 5 });
    const body = { lines: [{ productId: lamp.id, quantity: 1 }], ttlSeconds: 60 };
    const anonymous = await call(catalog.baseUrl, 'POST', '/internal/reservations', { body });
    expect(anonymous.status).toBe(401);
    expect(anonymous.contentType).toMatch(/^application\/problem\+json/);
    const wrong = await call(catalog.baseUrl, 'POST', '/internal/reservations', {
      body,
      token: 'not-the-internal-token-at-all',
    });
    expect(wrong.status).toBe(403);
    const release = await call(
      catalog.baseUrl,
      'POST',
      '/internal/reservations/00000000-0000-4000-8000-000000000000/release',
    );
    expect(release.status).toBe(401);
    expect(await stockOf(lamp.id)).toBe(5);
  });
});

describe('reserving stock', () => {
  it('holds stock at the catalog price and answers 201 with the reservation', async () => {
    const lamp = await product({ stock: 10, priceCents: 2999 });
    // Cache the product first: the hold must show through the cache.
    expect((await call(catalog.baseUrl, 'GET', `/api/products/${lamp.id}`)).body.stock).toBe(10);
    const res = await post('/internal/reservations', {
      lines: [{ productId: lamp.id, quantity: 3 }],
      ttlSeconds: 60,
    });
    expect(res.status).toBe(201);
    const reservation = Reservation.parse(res.body);
    expect(reservation).toMatchObject({
      status: 'pending',
      lines: [{ productId: lamp.id, quantity: 3, unitPriceCents: 2999, name: lamp.name }],
    });
    expect(await stockOf(lamp.id)).toBe(7);
    const read = await call(catalog.baseUrl, 'GET', `/api/products/${lamp.id}`);
    expect(read.body.stock).toBe(7);
  });

  it('lets exactly five of fifty concurrent reservations of a product with stock 5 through', async () => {
    const scarce = await product({ stock: 5 });
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        post('/internal/reservations', { lines: [{ productId: scarce.id, quantity: 1 }] }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.filter((s) => s === 409)).toHaveLength(45);
    expect(await stockOf(scarce.id)).toBe(0);
  });

  it('reserves all lines or none, naming the products that ran out', async () => {
    const plenty = await product({ stock: 10 });
    const few = await product({ stock: 1 });
    const res = await post('/internal/reservations', {
      lines: [
        { productId: plenty.id, quantity: 2 },
        { productId: few.id, quantity: 2 },
      ],
    });
    expect(res.status).toBe(409);
    expect(res.contentType).toContain('application/problem+json');
    expect(res.body).toMatchObject({ code: 'out_of_stock', productIds: [few.id] });
    expect(await stockOf(plenty.id)).toBe(10);
    expect(await stockOf(few.id)).toBe(1);
  });

  it('answers 404 for an unknown product and holds nothing', async () => {
    const real = await product({ stock: 3 });
    const ghost = '00000000-0000-4000-8000-000000000000';
    const res = await post('/internal/reservations', {
      lines: [
        { productId: real.id, quantity: 1 },
        { productId: ghost, quantity: 1 },
      ],
    });
    expect(res.status).toBe(404);
    expect(res.body.productIds).toEqual([ghost]);
    expect(await stockOf(real.id)).toBe(3);
  });

  it('answers 400 naming the field for bad lines', async () => {
    const res = await post('/internal/reservations', { lines: [{ productId: 'x', quantity: 0 }] });
    expect(res.status).toBe(400);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['lines.0.productId', 'lines.0.quantity']));
  });

  it('lets the database itself refuse negative stock', async () => {
    const lamp = await product({ stock: 1 });
    await expect(
      catalog.prisma.$executeRaw`UPDATE products SET stock = stock - 2 WHERE id = ${lamp.id}::uuid`,
    ).rejects.toThrow(/products_stock_non_negative|check constraint/i);
  });
});

describe('settling reservations', () => {
  const reserve = async (productId: string, quantity: number) => {
    const res = await post('/internal/reservations', {
      lines: [{ productId, quantity }],
      ttlSeconds: 60,
    });
    expect(res.status).toBe(201);
    return Reservation.parse(res.body);
  };

  it('gives the stock back on release, once, however often it is released', async () => {
    const lamp = await product({ stock: 6 });
    const reservation = await reserve(lamp.id, 4);
    expect(await stockOf(lamp.id)).toBe(2);
    const listed = `/api/products?ids=${lamp.id}`;
    expect((await call(catalog.baseUrl, 'GET', listed)).body.items[0].stock).toBe(2);
    for (let i = 0; i < 2; i++) {
      const res = await post(`/internal/reservations/${reservation.id}/release`);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('released');
    }
    expect(await stockOf(lamp.id)).toBe(6);
    expect((await call(catalog.baseUrl, 'GET', listed)).body.items[0].stock).toBe(6);
  });

  it('commits idempotently and keeps the stock taken', async () => {
    const lamp = await product({ stock: 6 });
    const reservation = await reserve(lamp.id, 2);
    for (let i = 0; i < 2; i++) {
      const res = await post(`/internal/reservations/${reservation.id}/commit`);
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('committed');
    }
    expect(await stockOf(lamp.id)).toBe(4);
    const release = await post(`/internal/reservations/${reservation.id}/release`);
    expect(release.status).toBe(409);
    expect(await stockOf(lamp.id)).toBe(4);
  });

  it('refuses to commit a released reservation', async () => {
    const lamp = await product({ stock: 6 });
    const reservation = await reserve(lamp.id, 1);
    await post(`/internal/reservations/${reservation.id}/release`);
    const res = await post(`/internal/reservations/${reservation.id}/commit`);
    expect(res.status).toBe(409);
    expect(res.contentType).toContain('application/problem+json');
  });

  it('expires a reservation past its time when committed, giving its stock back', async () => {
    const lamp = await product({ stock: 5 });
    const reservation = await reserve(lamp.id, 5);
    await catalog.prisma.reservation.update({
      where: { id: reservation.id },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    const res = await post(`/internal/reservations/${reservation.id}/commit`);
    expect(res.status).toBe(409);
    expect(await stockOf(lamp.id)).toBe(5);
    const state = await catalog.prisma.reservation.findUniqueOrThrow({
      where: { id: reservation.id },
    });
    expect(state.status).toBe('expired');
  });

  it('sweeps expired reservations, and only those, back into stock', async () => {
    const lamp = await product({ stock: 10 });
    const stale = await reserve(lamp.id, 3);
    const fresh = await reserve(lamp.id, 2);
    await catalog.prisma.reservation.update({
      where: { id: stale.id },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    expect(await catalog.sweepExpiredReservations()).toBeGreaterThanOrEqual(1);
    expect(await stockOf(lamp.id)).toBe(8);
    const statuses = await catalog.prisma.reservation.findMany({
      where: { id: { in: [stale.id, fresh.id] } },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(statuses.map((r) => [r.id, r.status]))).toEqual({
      [stale.id]: 'expired',
      [fresh.id]: 'pending',
    });
    expect(await catalog.sweepExpiredReservations()).toBe(0);
  });

  it('answers 404 for an unknown reservation', async () => {
    const res = await post('/internal/reservations/00000000-0000-4000-8000-000000000000/commit');
    expect(res.status).toBe(404);
  });
});
