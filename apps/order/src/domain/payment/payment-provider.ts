export interface ChargeRequest {
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

/** Thrown by a provider that gave up waiting on the (simulated) network. */
export class PaymentTimeoutError extends Error {
  constructor() {
    super('the payment provider did not answer in time');
    this.name = 'PaymentTimeoutError';
  }
}

export interface PaymentProvider {
  /** Honours `signal`: once aborted, the charge is abandoned with PaymentTimeoutError. */
  charge(request: ChargeRequest, signal: AbortSignal): Promise<ChargeResult>;
  /** Gives the money back, e.g. when stock could not be committed after payment. */
  refund(paymentId: string): Promise<void>;
}
