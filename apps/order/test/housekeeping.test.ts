import { randomUUID } from 'node:crypto';
import type { TestDatabase } from '@portside/testkit';
import { PrismaIdempotencyStore } from '../src/adapters/idempotency-store';
import { createPrismaClient, type PrismaClient } from '../src/adapters/prisma';
import { sweep } from '../src/domain/housekeeping';
import { migratedTestDatabase } from './support/order-service';

let db: TestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  db = await migratedTestDatabase();
  prisma = createPrismaClient(db.url, 2);
});
afterAll(async () => {
  await prisma.$disconnect();
  await db.drop();
});

const pendingOrder = (idempotencyKey: string) =>
  prisma.order.create({
    data: {
      email: 'old@example.com',
      accessTokenHash: randomUUID(),
      subtotalCents: 100,
      shippingCents: 0,
      totalCents: 100,
      shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'US' },
      paymentBrand: 'visa',
      paymentLast4: '4242',
      reservationId: randomUUID(),
      idempotencyKey,
      createdAt: new Date(Date.now() - 3_600_000),
    },
  });

const expire = (key: string) =>
  prisma.idempotencyKey.update({ where: { key }, data: { expiresAt: new Date(0) } });

describe('housekeeping', () => {
  it('drops expired idempotency keys, but neither a key with an order nor the order itself', async () => {
    const keys = new PrismaIdempotencyStore(prisma);
    await keys.claim('expired-key', 'fp');
    await keys.claim('live-key', 'fp');
    await keys.claim('ordered-key', 'fp');
    const order = await pendingOrder('ordered-key');
    await expire('expired-key');
    await expire('ordered-key');

    const result = await sweep({
      idempotencyKeys: keys,
      logger: { info: () => undefined, warn: () => undefined },
    });

    expect(result).toEqual({ purged: 1 });
    expect((await prisma.idempotencyKey.findMany()).map((k) => k.key).sort()).toEqual([
      'live-key',
      'ordered-key',
    ]);
    const kept = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(kept.status).toBe('pending');
  });

  it('lets a retry take over an expired key that made no order', async () => {
    const keys = new PrismaIdempotencyStore(prisma);
    await keys.claim('reused-key', 'first');
    await keys.complete('reused-key', { status: 404, body: { sealed: 'x' } });
    await expire('reused-key');
    expect(await keys.claim('reused-key', 'second')).toEqual({ claimed: true, resumed: true });
  });

  it('never frees a key an order was placed under: it keeps answering that order', async () => {
    const keys = new PrismaIdempotencyStore(prisma);
    await keys.claim('placed-key', 'first');
    await pendingOrder('placed-key');
    await keys.release('placed-key');
    await expire('placed-key');
    expect(await keys.claim('placed-key', 'second')).toMatchObject({
      claimed: false,
      fingerprint: 'first',
    });
    expect(await keys.claim('placed-key', 'first')).toEqual({ claimed: true, resumed: true });
  });

  it('lets a retry of the same request take over a key whose lease lapsed', async () => {
    const keys = new PrismaIdempotencyStore(prisma);
    await keys.claim('stuck-key', 'same');
    expect(await keys.claim('stuck-key', 'same')).toMatchObject({
      claimed: false,
      state: 'in_progress',
    });
    await prisma.idempotencyKey.update({
      where: { key: 'stuck-key' },
      data: { lockedAt: new Date(0) },
    });
    expect(await keys.claim('stuck-key', 'other')).toMatchObject({
      claimed: false,
      fingerprint: 'same',
    });
    expect(await keys.claim('stuck-key', 'same')).toEqual({ claimed: true, resumed: true });
  });
});
