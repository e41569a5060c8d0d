import type { FieldError } from '@portside/contracts';

export type ErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payment_required'
  | 'unprocessable'
  | 'payload_too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export const statusOfKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  payment_required: 402,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unprocessable: 422,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

export const titleOfKind: Record<ErrorKind, string> = {
  invalid: 'Invalid request',
  unauthorized: 'Authentication required',
  payment_required: 'Payment failed',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  conflict: 'Conflict',
  payload_too_large: 'Request body too large',
  unprocessable: 'Unprocessable request',
  rate_limited: 'Too many requests',
  internal: 'Internal server error',
  unavailable: 'Service unavailable',
};

export interface AppErrorOptions {
  /** A stable machine-readable reason, e.g. "out_of_stock" or "card_declined". */
  code?: string;
  /** Field-level problems of invalid input. */
  errors?: FieldError[];
  cause?: unknown;
  /** Extra members for the problem body, e.g. the product that ran out. */
  extensions?: Record<string, unknown>;
}

/** The one error type of the platform: its kind decides the HTTP status. */
export class AppError extends Error {
  readonly kind: ErrorKind;
  readonly code?: string;
  readonly errors?: FieldError[];
  readonly extensions?: Record<string, unknown>;

  constructor(kind: ErrorKind, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.kind = kind;
    this.code = options.code;
    this.errors = options.errors;
    this.extensions = options.extensions;
  }

  get status(): number {
    return statusOfKind[this.kind];
  }

  static invalid(message: string, errors?: FieldError[]) {
    return new AppError('invalid', message, { errors });
  }
  static notFound(message: string) {
    return new AppError('not_found', message);
  }
  static conflict(message: string, code?: string, extensions?: Record<string, unknown>) {
    return new AppError('conflict', message, { code, extensions });
  }
  static unavailable(message: string, cause?: unknown) {
    return new AppError('unavailable', message, { cause });
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;
