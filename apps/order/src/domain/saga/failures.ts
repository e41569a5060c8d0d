import { AppError } from '@portside/service-kit';

/*
 * How an ended order that did not confirm is answered: the same problem for
 * the run that ended it and for every retry with its Idempotency-Key.
 */

const payment = (message: string) => ({ kind: 'payment_required' as const, message });

const FAILURES: Record<
  string,
  { kind: 'payment_required' | 'conflict' | 'unavailable'; message: string }
> = {
  card_declined: payment('The card was declined'),
  insufficient_funds: payment('The card has insufficient funds'),
  processing_error: payment(
    'The card could not be processed; try again with a new Idempotency-Key',
  ),
  card_not_supported: payment('This card is not supported: use one of the test cards'),
  payment_timeout: {
    kind: 'unavailable',
    message:
      'The payment provider did not answer and nothing was charged; try again with a new Idempotency-Key',
  },
  payment_unavailable: {
    kind: 'unavailable',
    message:
      'The payment could not be completed and nothing was charged; try again with a new Idempotency-Key',
  },
  reservation_expired: {
    kind: 'conflict',
    message: 'The stock hold expired before the order completed; the payment was refunded',
  },
  checkout_interrupted: {
    kind: 'conflict',
    message:
      'The checkout was interrupted and undone: stock released, any charge refunded. Place it again with a new Idempotency-Key',
  },
};

export function failureOf(code: string, cause?: unknown): AppError {
  const failure = FAILURES[code] ?? FAILURES['checkout_interrupted']!;
  return new AppError(failure.kind, failure.message, { code, cause });
}
