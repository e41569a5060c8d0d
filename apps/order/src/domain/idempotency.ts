import { createHash } from 'node:crypto';
import type { ParsedCheckoutRequest } from '@portside/contracts';
import { AppError } from '@portside/service-kit';
import { keyIdOf, openBody, sealBody } from './idempotency-seal';
import { last4Of } from './payment';

/** Keys live this long; after that the same key starts a new request. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

export interface StoredResponse {
  status: number;
  body: unknown;
}

export type ClaimOutcome =
  /** resumed: taken over from an earlier run that may have got as far as creating the order. */
  | { claimed: true; resumed: boolean }
  | {
      claimed: false;
      fingerprint: string;
      state: 'in_progress' | 'completed';
      response: StoredResponse | null;
    };

/**
 * Storage of idempotency keys, addressed by key id (a hash of the key) and
 * holding sealed answers. The claim must be atomic in the database.
 */
export interface IdempotencyStore {
  /**
   * Claims the key for this run: a new key, an expired one without an order,
   * or one of the same request whose lease lapsed (its run died or let go).
   */
  claim(key: string, fingerprint: string): Promise<ClaimOutcome>;
  complete(key: string, response: StoredResponse): Promise<void>;
  /**
   * Lets go of the key after a run that did not finish: forgotten if no order
   * was created under it (a retry may run afresh), otherwise kept and unleased
   * so a retry or recovery resumes that order at once. Never released once
   * an order, and so possibly a charge, stands behind it.
   */
  release(key: string): Promise<void>;
}

/**
 * sha256 of the canonical (key-sorted) request. Card secrets are reduced to
 * what the order keeps (last four digits): no hash of a card number or cvc is
 * ever stored, since both are small enough to guess back from a hash.
 */
export function fingerprintOf(request: ParsedCheckoutRequest): string {
  const { cardNumber, cvc: _cvc, ...card } = request.payment;
  const safe = { ...request, payment: { ...card, last4: last4Of(cardNumber) } };
  return createHash('sha256').update(canonicalJson(safe)).digest('hex');
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Stripe's semantics: the first request with a key runs; a repeat with the
 * same body gets the stored answer; a different body is refused (422); a
 * repeat while the first still runs is refused (409). Answers below 500 are
 * stored (the request was judged), sealed; after a 5xx or a thrown error the
 * key is released (see IdempotencyStore.release) so a retry may proceed, which
 * resumes the order if one was created: a retry never restarts a checkout.
 */
export async function runIdempotently(
  store: IdempotencyStore,
  key: string,
  fingerprint: string,
  work: (resumed: boolean) => Promise<StoredResponse>,
): Promise<{ response: StoredResponse; replayed: boolean }> {
  const keyId = keyIdOf(key);
  const claim = await store.claim(keyId, fingerprint);
  if (!claim.claimed) {
    if (claim.fingerprint !== fingerprint) {
      throw new AppError(
        'unprocessable',
        'This Idempotency-Key was already used with a different request body',
        { code: 'idempotency_key_reused' },
      );
    }
    if (claim.state === 'in_progress' || !claim.response) {
      throw AppError.conflict(
        'A request with this Idempotency-Key is still in progress; retry later',
        'idempotency_key_in_flight',
      );
    }
    const body = openBody(key, claim.response.body);
    return { response: { status: claim.response.status, body }, replayed: true };
  }

  let response: StoredResponse;
  try {
    response = await work(claim.resumed);
  } catch (err) {
    // The original error is what the caller must see; a key left behind is taken over once its lease lapses.
    await store.release(keyId).catch(() => undefined);
    throw err;
  }
  if (response.status >= 500) await store.release(keyId);
  else await store.complete(keyId, { status: response.status, body: sealBody(key, response.body) });
  return { response, replayed: false };
}
