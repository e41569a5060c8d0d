export interface ChargeRequest {
  /**
   * The caller's idempotency key, derived from the order: the same key is the
   * same charge, never a second one (as Stripe's Idempotency-Key).
   */
  idempotencyKey: string;
  amountCents: number;
  currency: string;
  /** Digits only. Lives in memory for the charge and is never stored or logged. */
  cardNumber: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

/** Reasons a charge fails, in the vocabulary of the big payment providers. */
export type DeclineCode =
  'card_declined' | 'insufficient_funds' | 'processing_error' | 'card_not_supported';

export type ChargeResult = { ok: true; paymentId: string } | { ok: false; code: DeclineCode };

/** What the provider's ledger says about a key whose charge outcome we did not hear. */
export type ChargeResolution = { charged: true; paymentId: string } | { charged: false };

/** Thrown by a provider that gave up waiting on the (simulated) network. */
export class PaymentTimeoutError extends Error {
  constructor() {
    super('the payment provider did not answer in time');
    this.name = 'PaymentTimeoutError';
  }
}

export interface PaymentProvider {
  /**
   * Honours `signal`: once aborted, the charge is abandoned with
   * PaymentTimeoutError, which means "unknown", never "not charged".
   */
  charge(request: ChargeRequest, signal: AbortSignal): Promise<ChargeResult>;
  /**
   * Settles an unknown outcome: the charge made under this key if there is
   * one; otherwise the key is cancelled so no charge can ever be made with it.
   */
  resolve(idempotencyKey: string): Promise<ChargeResolution>;
  /** Gives a whole charge back; refunding twice is one refund. */
  refund(paymentId: string): Promise<void>;
}
