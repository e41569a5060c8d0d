import { randomUUID } from 'node:crypto';
import type { TestDatabase } from '@portside/testkit';
import { PrismaIdempotencyStore } from '../src/data/idempotency-repository';
import { PrismaOrderRepository } from '../src/data/order-repository';
import { createPrismaClient, type PrismaClient } from '../src/data/prisma';
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

const pendingOrder = (createdAt: Date) =>
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
      createdAt,
    },
  });

describe('housekeeping', () => {
  it('fails orders a dead process left pending and drops expired idempotency keys', async () => {
    const now = new Date();
    const stale = await pendingOrder(new Date(now.getTime() - 3_600_000));
    const fresh = await pendingOrder(now);
    const keys = new PrismaIdempotencyStore(prisma);
    await keys.claim('expired-key', 'fp');
    await keys.claim('live-key', 'fp');
    await prisma.idempotencyKey.update({
      where: { key: 'expired-key' },
      data: { expiresAt: new Date(0) },
    });

    const result = await sweep({
      orders: new PrismaOrderRepository(prisma),
      idempotencyKeys: keys,
      logger: { info: () => undefined, warn: () => undefined },
      abandonAfterMs: 600_000,
      now: () => now,
    });

    expect(result).toEqual({ abandoned: 1, purged: 1 });
    const statuses = await prisma.order.findMany({
      select: { id: true, status: true, failureCode: true },
    });
    expect(statuses).toEqual(
      expect.arrayContaining([
        { id: stale.id, status: 'failed', failureCode: 'abandoned' },
        { id: fresh.id, status: 'pending', failureCode: null },
      ]),
    );
    expect((await prisma.idempotencyKey.findMany()).map((k) => k.key)).toEqual(['live-key']);
  });

  it('lets a retry take over an expired key', async () => {
    const keys = new PrismaIdempotencyStore(prisma);
    await keys.claim('reused-key', 'first');
    await keys.complete('reused-key', { status: 201, body: { sealed: 'x' } });
    await prisma.idempotencyKey.update({
      where: { key: 'reused-key' },
      data: { expiresAt: new Date(0) },
    });
    expect(await keys.claim('reused-key', 'second')).toEqual({ claimed: true });
  });

  it('lets a retry of the same request take over a key whose process died mid-checkout', async () => {
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
    expect(await keys.claim('stuck-key', 'same')).toEqual({ claimed: true });
  });
});
