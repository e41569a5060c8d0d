/*
 * What the checkout saga reports as it runs: the domain's port, filled by the
 * service kit's checkout metrics in app.ts and by nothing in unit tests.
 */

export type CheckoutOutcome =
  'confirmed' | 'declined' | 'out_of_stock' | 'payment_error' | 'failed' | 'replayed';
export type CheckoutStep = 'read_cart' | 'price' | 'reserve' | 'pay' | 'confirm' | 'clear_cart';
export type Compensation = 'release_reservation' | 'refund_payment' | 'cancel_order';
/** resumed: driven on to confirmed; compensated: undone; abandoned: could not be finished this pass. */
export type RecoveryAction = 'resumed' | 'compensated' | 'abandoned';

export interface CheckoutTelemetry {
  /** A checkout starts; the returned function ends it. */
  begin(): () => void;
  outcome(outcome: CheckoutOutcome): void;
  compensation(kind: Compensation): void;
  recovery(action: RecoveryAction): void;
  step(step: CheckoutStep): (result: 'ok' | 'error') => void;
}

const nothing = () => {};

export const noTelemetry = (): CheckoutTelemetry => ({
  begin: () => nothing,
  outcome: nothing,
  compensation: nothing,
  recovery: nothing,
  step: () => nothing,
});

const DECLINES = new Set(['card_declined', 'insufficient_funds', 'card_not_supported']);
const PAYMENT_ERRORS = new Set(['processing_error', 'payment_timeout', 'payment_unavailable']);
const OUT_OF_STOCK = new Set(['out_of_stock', 'product_unavailable']);

/** How a checkout that threw ended, from its problem code. */
export function outcomeOfFailure(code: string | undefined): CheckoutOutcome {
  if (code === undefined) return 'failed';
  if (DECLINES.has(code)) return 'declined';
  if (PAYMENT_ERRORS.has(code)) return 'payment_error';
  if (OUT_OF_STOCK.has(code)) return 'out_of_stock';
  return 'failed';
}
