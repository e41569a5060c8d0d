import { randomUUID } from 'node:crypto';
import {
  PaymentTimeoutError,
  type ChargeRequest,
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

/** The built-in payment provider: no network, deterministic by card number. */
export class PaymentSimulator implements PaymentProvider {
  private readonly refunded = new Set<string>();

  async charge(request: ChargeRequest, signal: AbortSignal): Promise<ChargeResult> {
    const { cardNumber } = request;
    if (cardNumber === TEST_CARDS.timesOut) return waitForAbort(signal);
    if (signal.aborted) throw new PaymentTimeoutError();
    if (cardNumber === TEST_CARDS.succeeds) return { ok: true, paymentId: `pay_${randomUUID()}` };
    return { ok: false, code: DECLINES[cardNumber] ?? 'card_not_supported' };
  }

  async refund(paymentId: string): Promise<void> {
    this.refunded.add(paymentId);
  }

  wasRefunded(paymentId: string): boolean {
    return this.refunded.has(paymentId);
  }
}

function waitForAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(new PaymentTimeoutError());
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}
