import type { Address, Order, OrderStatus } from '@portside/contracts';
import type { NewOrder, OrderRepository } from '../domain/orders';
import type { Prisma, PrismaClient } from '../generated/prisma/client';

const withLines = { lines: { orderBy: { position: 'asc' } } } as const;
type OrderRow = Prisma.OrderGetPayload<{ include: typeof withLines }>;

export class PrismaOrderRepository implements OrderRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * One statement inserts the order and its lines (atomic on its own): the
   * hottest write of a checkout, where the ORM's nested create cost several
   * round trips and most of the CPU. The answer is built from what was written.
   */
  async create(order: NewOrder): Promise<Order> {
    const { lines } = order;
    const [row] = await this.prisma.$queryRaw<Array<{ id: string; createdAt: Date }>>`
      WITH created AS (
        INSERT INTO orders (id, email, access_token_hash, subtotal_cents, shipping_cents, total_cents,
                            shipping_address, payment_brand, payment_last4, reservation_id, updated_at)
        VALUES (gen_random_uuid(), ${order.email}, ${order.accessTokenHash}, ${order.subtotalCents},
                ${order.shippingCents}, ${order.totalCents}, ${JSON.stringify(order.shippingAddress)}::jsonb,
                ${order.payment.brand}, ${order.payment.last4}, ${order.reservationId}::uuid, now())
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
    const { id, createdAt } = row as { id: string; createdAt: Date };
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

  async markConfirmed(orderId: string, paymentId: string): Promise<void> {
    const updated = await this.prisma.$executeRaw`
      UPDATE orders SET status = 'confirmed', payment_id = ${paymentId}, updated_at = now()
      WHERE id = ${orderId}::uuid`;
    if (updated !== 1) throw new Error(`order ${orderId} vanished before it was confirmed`);
  }

  async markFailed(orderId: string, failureCode: string): Promise<void> {
    await this.prisma.order.update({
      where: { id: orderId },
      data: { status: 'failed', failureCode },
    });
  }

  async findByIdAndTokenHash(orderId: string, accessTokenHash: string): Promise<Order | null> {
    const row = await this.prisma.order.findFirst({
      where: { id: orderId, accessTokenHash },
      include: withLines,
    });
    return row ? toOrder(row) : null;
  }

  async findEmailByTokenHash(accessTokenHash: string): Promise<string | null> {
    const row = await this.prisma.order.findUnique({
      where: { accessTokenHash },
      select: { email: true },
    });
    return row?.email ?? null;
  }

  async listByEmail(email: string, limit: number): Promise<Order[]> {
    const rows = await this.prisma.order.findMany({
      where: { email },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      include: withLines,
    });
    return rows.map(toOrder);
  }

  async failAbandoned(createdBefore: Date): Promise<number> {
    const { count } = await this.prisma.order.updateMany({
      where: { status: 'pending', createdAt: { lt: createdBefore } },
      data: { status: 'failed', failureCode: 'abandoned' },
    });
    return count;
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
