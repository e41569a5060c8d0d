import type { Address, Order, OrderStatus } from '@portside/contracts';
import type { NewOrder, OrderRepository } from '../domain/orders';
import type { Prisma, PrismaClient } from '../generated/prisma/client';

const withLines = { lines: { orderBy: { position: 'asc' } } } as const;
type OrderRow = Prisma.OrderGetPayload<{ include: typeof withLines }>;

export class PrismaOrderRepository implements OrderRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(order: NewOrder): Promise<Order> {
    const row = await this.prisma.order.create({
      data: {
        email: order.email,
        accessTokenHash: order.accessTokenHash,
        subtotalCents: order.subtotalCents,
        shippingCents: order.shippingCents,
        totalCents: order.totalCents,
        shippingAddress: order.shippingAddress,
        paymentBrand: order.payment.brand,
        paymentLast4: order.payment.last4,
        reservationId: order.reservationId,
        lines: { create: order.lines.map((line, position) => ({ ...line, position })) },
      },
      include: withLines,
    });
    return toOrder(row);
  }

  async markConfirmed(orderId: string, paymentId: string): Promise<Order> {
    const row = await this.prisma.order.update({
      where: { id: orderId },
      data: { status: 'confirmed', paymentId },
      include: withLines,
    });
    return toOrder(row);
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
