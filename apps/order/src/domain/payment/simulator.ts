import { randomUUID } from 'node:crypto';
import type { Faults } from '../faults';
import type { LedgerEntry, PaymentLedger } from './payment-ledger';
import {
  PaymentTimeoutError,
  type ChargeRequest,
  type ChargeResolution,
  type ChargeResult,
  type DeclineCode,
  type PaymentProvider,
} from './payment-provider';

/**
 * Test cards, in the manner of the big providers' test modes. Any other
 * number is declined as card_not_supported, as a test-mode provider would.
 */
export const TEST_CARDS = {
  succeeds: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  processingError: '4000000000000119',
  /** Never answers: the checkout gives up after PAYMENT_TIMEOUT_MS ("408" as in Request Timeout). */
  timesOut: '4000000000004087',
} as const;

const DECLINES: Record<string, DeclineCode> = {
  [TEST_CARDS.declined]: 'card_declined',
  [TEST_CARDS.insufficientFunds]: 'insufficient_funds',
  [TEST_CARDS.processingError]: 'processing_error',
};

/**
 * The built-in payment provider: no network, deterministic by card number,
 * with its own persisted ledger so a charge outlives the process that asked
 * for it and the same idempotency key is always the same charge.
 */
export class PaymentSimulator implements PaymentProvider {
  constructor(
    private readonly ledger: PaymentLedger,
    private readonly faults?: Faults,
  ) {}

  async charge(request: ChargeRequest, signal: AbortSignal): Promise<ChargeResult> {
    const { cardNumber } = request;
    if (cardNumber === TEST_CARDS.timesOut) return waitForAbort(signal);
    if (signal.aborted) throw new PaymentTimeoutError();
    const decline = DECLINES[cardNumber] ?? 'card_not_supported';
    const entry = await this.ledger.record({
      idempotencyKey: request.idempotencyKey,
      amountCents: request.amountCents,
      currency: request.currency,
      ...(cardNumber === TEST_CARDS.succeeds
        ? { status: 'succeeded', paymentId: `pay_${randomUUID()}` }
        : { status: 'declined', declineCode: decline }),
    });
    if (this.faults?.isOn('payment-timeout-after-charge')) return waitForAbort(signal);
    if (this.faults?.isOn('payment-fail-after-charge')) {
      throw new Error('payment provider failed after charging (fault injected)');
    }
    return resultOf(entry);
  }

  async resolve(idempotencyKey: string): Promise<ChargeResolution> {
    const entry = await this.ledger.record({
      idempotencyKey,
      status: 'cancelled',
      amountCents: 0,
      currency: 'USD',
    });
    return entry.status === 'succeeded'
      ? { charged: true, paymentId: entry.paymentId }
      : { charged: false };
  }

  refund(paymentId: string): Promise<void> {
    return this.ledger.refund(paymentId);
  }
}

function resultOf(entry: LedgerEntry): ChargeResult {
  if (entry.status === 'succeeded') return { ok: true, paymentId: entry.paymentId };
  // A key cancelled by recovery can never be charged: the provider refuses it.
  if (entry.status === 'cancelled') return { ok: false, code: 'processing_error' };
  return { ok: false, code: entry.declineCode as DeclineCode };
}

function waitForAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(new PaymentTimeoutError());
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}
