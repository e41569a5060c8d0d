import type { LedgerEntry, NewLedgerEntry, PaymentLedger } from '../domain/payment';
import type { PrismaClient } from '../generated/prisma/client';

type Row = { status: LedgerEntry['status']; paymentId: string | null; declineCode: string | null };

/**
 * The simulated provider's ledger in its own tables. A key's first entry wins
 * (INSERT ... ON CONFLICT DO NOTHING), which is what makes a repeated charge
 * the same charge and lets a cancellation shut a key that was never charged.
 */
export class PrismaPaymentLedger implements PaymentLedger {
  constructor(private readonly prisma: PrismaClient) {}

  async record(entry: NewLedgerEntry): Promise<LedgerEntry> {
    const paymentId = entry.status === 'succeeded' ? entry.paymentId : null;
    const declineCode = entry.status === 'declined' ? entry.declineCode : null;
    const [inserted] = await this.prisma.$queryRaw<Row[]>`
      INSERT INTO payment_charges (idempotency_key, payment_id, status, decline_code, amount_cents, currency)
      VALUES (${entry.idempotencyKey}, ${paymentId}, ${entry.status}::"ChargeStatus", ${declineCode},
              ${entry.amountCents}, ${entry.currency})
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING status, payment_id AS "paymentId", decline_code AS "declineCode"`;
    // ON CONFLICT waited for the other writer of this key to commit, so its row is readable now.
    const row =
      inserted ??
      (
        await this.prisma.$queryRaw<Row[]>`
          SELECT status, payment_id AS "paymentId", decline_code AS "declineCode"
          FROM payment_charges WHERE idempotency_key = ${entry.idempotencyKey}`
      )[0];
    if (!row) throw new Error('payment ledger lost an entry it had just conflicted with');
    return entryOf(row);
  }

  async refund(paymentId: string): Promise<void> {
    await this.prisma.$executeRaw`
      INSERT INTO payment_refunds (payment_id, amount_cents)
      SELECT payment_id, amount_cents FROM payment_charges
      WHERE payment_id = ${paymentId} AND status = 'succeeded'
      ON CONFLICT (payment_id) DO NOTHING`;
  }
}

function entryOf(row: Row): LedgerEntry {
  if (row.status === 'succeeded') return { status: 'succeeded', paymentId: row.paymentId ?? '' };
  if (row.status === 'declined') return { status: 'declined', declineCode: row.declineCode ?? '' };
  return { status: 'cancelled' };
}
