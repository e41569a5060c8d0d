import type { Reconciliation, ReconciliationReport } from '../domain/saga/reconciliation';
import type { PrismaClient } from '../generated/prisma/client';

const chargeKeyJoin = `'order_' || o.id::text = c.idempotency_key`;

/** Reads the order tables and the provider's ledger side by side; read-only. */
export class PrismaReconciliation implements Reconciliation {
  constructor(private readonly prisma: PrismaClient) {}

  async report(): Promise<ReconciliationReport> {
    const [totals] = await this.prisma.$queryRawUnsafe<Array<Record<string, bigint | number>>>(`
      SELECT
        (SELECT count(*) FROM orders WHERE status = 'confirmed') AS "confirmedCount",
        (SELECT coalesce(sum(total_cents), 0) FROM orders WHERE status = 'confirmed') AS "confirmedCents",
        (SELECT count(*) FROM orders WHERE status = 'pending') AS "unfinished",
        (SELECT count(*) FROM payment_charges WHERE status = 'succeeded') AS "chargeCount",
        (SELECT coalesce(sum(amount_cents), 0) FROM payment_charges WHERE status = 'succeeded') AS "chargedCents",
        (SELECT count(*) FROM payment_refunds) AS "refundCount",
        (SELECT coalesce(sum(amount_cents), 0) FROM payment_refunds) AS "refundedCents"`);
    const n = (key: string) => Number(totals?.[key] ?? 0);

    const byState = await this.prisma.$queryRawUnsafe<
      Array<{ status: string; step: string; count: bigint; oldest: number; newest: number }>
    >(`
      SELECT status::text, step::text, count(*) AS count,
             extract(epoch FROM now() - min(created_at))::float8 AS oldest,
             extract(epoch FROM now() - max(created_at))::float8 AS newest
      FROM orders GROUP BY status, step ORDER BY status, step`);

    const stranded = await this.prisma.$queryRawUnsafe<
      Array<{
        paymentId: string;
        amountCents: number;
        orderId: string | null;
        orderStatus: string | null;
      }>
    >(`
      SELECT c.payment_id AS "paymentId", c.amount_cents AS "amountCents",
             o.id::text AS "orderId", o.status::text AS "orderStatus"
      FROM payment_charges c
      LEFT JOIN payment_refunds r ON r.payment_id = c.payment_id
      LEFT JOIN orders o ON ${chargeKeyJoin}
      WHERE c.status = 'succeeded' AND r.payment_id IS NULL
        AND (o.id IS NULL OR o.status <> 'confirmed')
      ORDER BY c.created_at LIMIT 1000`);

    const unpaid = await this.prisma.$queryRawUnsafe<Array<{ id: string }>>(`
      SELECT o.id::text AS id FROM orders o
      LEFT JOIN payment_charges c ON ${chargeKeyJoin} AND c.status = 'succeeded'
      LEFT JOIN payment_refunds r ON r.payment_id = c.payment_id
      WHERE o.status = 'confirmed' AND (c.payment_id IS NULL OR r.payment_id IS NOT NULL)
      LIMIT 1000`);

    const quantities = await this.prisma.$queryRawUnsafe<
      Array<{ productId: string; quantity: bigint }>
    >(`
      SELECT l.product_id::text AS "productId", sum(l.quantity) AS quantity
      FROM order_lines l JOIN orders o ON o.id = l.order_id
      WHERE o.status = 'confirmed' GROUP BY l.product_id ORDER BY l.product_id`);

    const netCents = n('chargedCents') - n('refundedCents');
    const report: ReconciliationReport = {
      orders: {
        confirmed: { count: n('confirmedCount'), totalCents: n('confirmedCents') },
        byState: byState.map((s) => ({
          status: s.status,
          step: s.step,
          count: Number(s.count),
          oldestAgeSeconds: Math.round(s.oldest),
          newestAgeSeconds: Math.round(s.newest),
        })),
        unfinished: n('unfinished'),
      },
      payments: {
        charges: { count: n('chargeCount'), amountCents: n('chargedCents') },
        refunds: { count: n('refundCount'), amountCents: n('refundedCents') },
        netCents,
      },
      unrefundedChargesWithoutConfirmedOrder: stranded,
      confirmedOrdersWithoutCharge: unpaid.map((u) => u.id),
      confirmedQuantities: quantities.map((q) => ({
        productId: q.productId,
        quantity: Number(q.quantity),
      })),
      ok: false,
    };
    report.ok =
      report.orders.unfinished === 0 &&
      netCents === report.orders.confirmed.totalCents &&
      stranded.length === 0 &&
      unpaid.length === 0;
    return report;
  }
}
