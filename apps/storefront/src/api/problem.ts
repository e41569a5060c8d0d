import type { FieldError, Problem } from '@portside/contracts';

/** An answer from the API that was not a success, carrying its problem+json body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  get code(): string | undefined {
    return this.problem.code;
  }

  get fieldErrors(): FieldError[] {
    return this.problem.errors ?? [];
  }
}

/** The network failed before any answer arrived (offline, proxy down). */
export class NetworkError extends Error {
  constructor() {
    super('The shop could not be reached.');
    this.name = 'NetworkError';
  }
}

function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return typeof b.title === 'string' && typeof b.status === 'number';
}

/** Builds an ApiError from any error answer, problem+json or not (a proxy's HTML 502, say). */
export function toApiError(status: number, body: unknown): ApiError {
  if (isProblem(body)) return new ApiError(status, body);
  return new ApiError(status, { type: 'about:blank', title: `HTTP ${status}`, status });
}

/** What the payment simulator's decline codes mean to a shopper; nothing was charged in any of them. */
const DECLINED = 'Your card was declined. Nothing was charged: try another card.';
const PAYMENT_MESSAGES: Record<string, string> = {
  card_declined: DECLINED,
  insufficient_funds: 'Your card has insufficient funds. Nothing was charged: try another card.',
  processing_error: 'Your card could not be processed. Nothing was charged: please try again.',
  card_not_supported:
    'This card is not supported. Use one of the test cards shown under the card number.',
};

/** Conflicts the services name with a code, each with what the shopper can do about it. */
const CONFLICT_MESSAGES: Record<string, (p: Problem) => string> = {
  insufficient_stock: (p) =>
    `${p.detail ?? 'There is not enough in stock'}. Choose a smaller quantity.`,
  out_of_stock: (p) =>
    `${p.detail ?? 'Some items are out of stock'}. Lower the quantity in your cart, then try again.`,
  product_unavailable: () =>
    'Some products in your cart can no longer be ordered. Remove them, then try again.',
  reservation_expired: () =>
    'Your order took too long to complete and was not placed. Please try again.',
  cart_empty: () => 'Your cart is empty.',
  cart_full: (p) => `${p.detail ?? 'Your cart is full'}.`,
  cart_not_found: () => 'Your cart has expired. Add the items again, then check out.',
};

/**
 * Turns an error into a sentence a shopper understands: what happened and what to do,
 * never a status code or a stack trace.
 */
export function shopperMessage(error: unknown): string {
  if (error instanceof NetworkError)
    return 'We could not reach the shop. Check your connection and try again.';
  if (!(error instanceof ApiError)) return 'Something went wrong on our side. Please try again.';
  const { status, problem } = error;
  if (status === 402) return PAYMENT_MESSAGES[problem.code ?? ''] ?? DECLINED;
  if (problem.code === 'idempotency_key_in_flight') {
    return 'Your order is still being placed. Wait a moment, then press Place order again: you will not be charged twice.';
  }
  const byCode = problem.code ? CONFLICT_MESSAGES[problem.code]?.(problem) : undefined;
  if (byCode) return byCode;
  if (status === 404)
    return 'We could not find what you were looking for. It may have been removed or the link is incomplete.';
  // Details of other answers are written for developers ("Invalid query: maxPrice ..."): not shown.
  if (status === 409)
    return 'Something changed in the shop meanwhile. Please review your cart and try again.';
  if (status === 400 || status === 422)
    return 'Some of the details given are not valid. Please check them and try again.';
  if (status === 429) return 'The shop is busy right now. Please wait a moment and try again.';
  if (status === 401 || status === 403)
    return 'You do not have access to this page. Use the link you received with your order.';
  return 'The shop is having trouble right now. Please try again in a moment.';
}
