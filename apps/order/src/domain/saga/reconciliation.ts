/** What an operator (and the crash tests) read to know that no money or stock is lost. */
export interface ReconciliationReport {
  orders: {
    confirmed: { count: number; totalCents: number };
    /** Every (status, step) pair with its count and the age of its oldest and newest order. */
    byState: Array<{
      status: string;
      step: string;
      count: number;
      oldestAgeSeconds: number;
      newestAgeSeconds: number;
    }>;
    unfinished: number;
  };
  payments: {
    charges: { count: number; amountCents: number };
    refunds: { count: number; amountCents: number };
    /** Charges minus refunds: must equal the confirmed orders' totals once nothing is unfinished. */
    netCents: number;
  };
  /** Succeeded, not refunded, and no confirmed order behind it: money to give back. */
  unrefundedChargesWithoutConfirmedOrder: Array<{
    paymentId: string;
    amountCents: number;
    orderId: string | null;
    orderStatus: string | null;
  }>;
  /** Confirmed orders whose charge is missing or was refunded: goods given away. */
  confirmedOrdersWithoutCharge: string[];
  /** Units each product left stock for, by confirmed orders (compare with the catalog's stock). */
  confirmedQuantities: Array<{ productId: string; quantity: number }>;
  /** Money balances, nothing is unfinished, no charge stranded, no order unpaid. */
  ok: boolean;
}

export interface Reconciliation {
  report(): Promise<ReconciliationReport>;
}
