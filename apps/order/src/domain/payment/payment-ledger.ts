/** One row of the provider's ledger, keyed by the caller's idempotency key. */
export type LedgerEntry =
  | { status: 'succeeded'; paymentId: string }
  | { status: 'declined'; declineCode: string }
  | { status: 'cancelled' };

export type NewLedgerEntry = LedgerEntry & {
  idempotencyKey: string;
  amountCents: number;
  currency: string;
};

/** The provider's persisted charges and refunds (its own tables; see ../../adapters/payment-ledger.ts). */
export interface PaymentLedger {
  /** Writes the entry unless the key already has one; answers the entry the key now holds. */
  record(entry: NewLedgerEntry): Promise<LedgerEntry>;
  /** Records a refund of the whole charge, once. */
  refund(paymentId: string): Promise<void>;
}
