import type { Address, Order, OrderStatus } from '@portside/contracts';
import type { NewOrder, OrderStore, SagaState } from '../domain/orders';
import { Prisma, type PrismaClient } from '../generated/prisma/client';

const withLines = { lines: { orderBy: { position: 'asc' } } } as const;
type OrderRow = Prisma.OrderGetPayload<{ include: typeof withLines }>;

const sagaColumns = Prisma.sql`
  o.id, o.status, o.step, o.total_cents AS "totalCents", o.currency,
  o.reservation_id AS "reservationId", o.payment_id AS "paymentId",
  o.failure_code AS "failureCode", o.access_token_sealed AS "accessTokenSealed"`;

export class PrismaOrderStore implements OrderStore {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * One statement inserts the order and its lines (atomic on its own): the
   * hottest write of a checkout, where the ORM's nested create cost several
   * round trips and most of the CPU. The unique Idempotency-Key makes a second
   * order for the same key insert nothing. The answer is built from what was written.
   */
  async create(order: NewOrder): Promise<Order | null> {
    const { lines } = order;
    const [row] = await this.prisma.$queryRaw<Array<{ id: string; createdAt: Date }>>`
      WITH created AS (
        INSERT INTO orders (id, email, access_token_hash, subtotal_cents, shipping_cents, total_cents,
                            shipping_address, payment_brand, payment_last4, reservation_id,
                            idempotency_key, access_token_sealed, updated_at)
        VALUES (gen_random_uuid(), ${order.email}, ${order.accessTokenHash}, ${order.subtotalCents},
                ${order.shippingCents}, ${order.totalCents}, ${JSON.stringify(order.shippingAddress)}::jsonb,
                ${order.payment.brand}, ${order.payment.last4}, ${order.reservationId}::uuid,
                ${order.idempotencyKey}, ${order.accessTokenSealed}, now())
        ON CONFLICT (idempotency_key) DO NOTHING
        RETURNING id, created_at
      ), created_lines AS (
        INSERT INTO order_lines (id, order_id, position, product_id, name, quantity, unit_price_cents, line_total_cents)
        SELECT gen_random_uuid(), created.id, l.position - 1, l.product_id, l.name, l.quantity,
               l.unit_price_cents, l.line_total_cents
        FROM created, unnest(
          ${lines.map((l) => l.productId)}::uuid[], ${lines.map((l) => l.name)}::text[],
          ${lines.map((l) => l.quantity)}::int[], ${lines.map((l) => l.unitPriceCents)}::int[],
          ${lines.map((l) => l.lineTotalCents)}::int[]
        ) WITH ORDINALITY AS l(product_id, name, quantity, unit_price_cents, line_total_cents, position)
      )
      SELECT id, created_at AS "createdAt" FROM created`;
    if (!row) return null;
    const { id, createdAt } = row;
    return {
      id,
      status: 'pending',
      email: order.email,
      lines: lines.map((l) => ({
        productId: l.productId,
        name: l.name,
        quantity: l.quantity,
        unitPriceCents: l.unitPriceCents,
        lineTotalCents: l.lineTotalCents,
      })),
      subtotalCents: order.subtotalCents,
      shippingCents: order.shippingCents,
      totalCents: order.totalCents,
      currency: 'USD',
      shippingAddress: order.shippingAddress,
      payment: order.payment,
      createdAt: createdAt.toISOString(),
    };
  }

  async findSagaByIdempotencyKey(keyId: string): Promise<SagaState | null> {
    const [row] = await this.prisma.$queryRaw<SagaState[]>`
      SELECT ${sagaColumns} FROM orders o WHERE o.idempotency_key = ${keyId}`;
    return row ?? null;
  }

  async recordCharge(orderId: string, paymentId: string): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE orders SET step = 'charged', payment_id = ${paymentId}, updated_at = now()
      WHERE id = ${orderId}::uuid AND status = 'pending'`;
  }

  async markConfirmed(orderId: string, paymentId: string): Promise<boolean> {
    const updated = await this.prisma.$executeRaw`
      UPDATE orders SET status = 'confirmed', step = 'confirmed', payment_id = ${paymentId}, updated_at = now()
      WHERE id = ${orderId}::uuid AND status = 'pending'`;
    return updated === 1;
  }

  async markFailed(orderId: string, failureCode: string): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE orders SET status = 'failed', step = 'compensated', failure_code = ${failureCode},
                        updated_at = now()
      WHERE id = ${orderId}::uuid AND status = 'pending'`;
  }

  async findById(orderId: string): Promise<Order | null> {
    const row = await this.prisma.order.findUnique({ where: { id: orderId }, include: withLines });
    return row ? toOrder(row) : null;
  }

  async findByIdAndTokenHash(orderId: string, accessTokenHash: string): Promise<Order | null> {
    const row = await this.prisma.order.findFirst({
      where: { id: orderId, accessTokenHash },
      include: withLines,
    });
    return row ? toOrder(row) : null;
  }

  async listByTokenHashes(accessTokenHashes: string[], limit: number): Promise<Order[]> {
    const rows = await this.prisma.order.findMany({
      where: { accessTokenHash: { in: accessTokenHashes } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      include: withLines,
    });
    return rows.map(toOrder);
  }

  async leaseUnfinished(leaseSeconds: number, limit: number): Promise<SagaState[]> {
    return this.prisma.$queryRaw<SagaState[]>`
      WITH due AS (
        SELECT k.key FROM idempotency_keys k JOIN orders o ON o.idempotency_key = k.key
        WHERE o.status = 'pending' AND k.state = 'in_progress'
          AND k.locked_at < now() - make_interval(secs => ${leaseSeconds})
        ORDER BY k.locked_at
        LIMIT ${limit}
        FOR UPDATE OF k SKIP LOCKED
      ), leased AS (
        UPDATE idempotency_keys k SET locked_at = now() FROM due WHERE k.key = due.key RETURNING k.key
      )
      SELECT ${sagaColumns} FROM orders o JOIN leased ON o.idempotency_key = leased.key`;
  }

  async endLease(orderId: string): Promise<void> {
    await this.prisma.$executeRaw`
      UPDATE idempotency_keys SET locked_at = 'epoch'
      WHERE state = 'in_progress'
        AND key = (SELECT idempotency_key FROM orders WHERE id = ${orderId}::uuid)`;
  }
}

function toOrder(row: OrderRow): Order {
  return {
    id: row.id,
    status: row.status as OrderStatus,
    email: row.email,
    lines: row.lines.map((l) => ({
      productId: l.productId,
      name: l.name,
      quantity: l.quantity,
      unitPriceCents: l.unitPriceCents,
      lineTotalCents: l.lineTotalCents,
    })),
    subtotalCents: row.subtotalCents,
    shippingCents: row.shippingCents,
    totalCents: row.totalCents,
    currency: 'USD',
    shippingAddress: row.shippingAddress as Address,
    payment: { brand: row.paymentBrand, last4: row.paymentLast4 },
    createdAt: row.createdAt.toISOString(),
  };
}
