import { AppError } from '@portside/service-kit';
import type { ListOrder, Position, RelevanceKey } from './types';

interface CursorPayload {
  /** The order the page was listed in: a cursor only continues that order. */
  o: ListOrder;
  k: string | number;
  i: string;
}

/** An opaque continuation token: base64url of the last row's sort key and id. */
export function encodeCursor(order: ListOrder, position: Position): string {
  const payload: CursorPayload = { o: order, k: position.key, i: position.id };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const INT4_MAX = 2_147_483_647;
/** Largest magnitude of a PostgreSQL real. */
const REAL_MAX = 3.4e38;

/**
 * Whether a key can be a value of the column the order sorts by: the key goes
 * back into SQL as that type, so a tampered one must stop here as a 400
 * instead of failing the cast in PostgreSQL (a 500).
 */
function keyFitsOrder(key: unknown, order: ListOrder, relevance: RelevanceKey): boolean {
  // A real calendar instant: 2026-02-30 parses in JavaScript but not in PostgreSQL.
  const instant = () =>
    typeof key === 'string' &&
    ISO_INSTANT.test(key) &&
    Number.isFinite(Date.parse(key)) &&
    new Date(key).toISOString().slice(0, 19) === key.slice(0, 19);
  switch (order) {
    case 'price':
    case '-price':
      return Number.isSafeInteger(key) && Math.abs(key as number) <= INT4_MAX;
    case 'name':
      return typeof key === 'string' && key.length <= 1_000 && !key.includes('\u0000');
    case 'newest':
      return instant();
    case 'relevance':
      if (relevance !== 'rank') return keyFitsOrder(key, relevance, relevance);
      return typeof key === 'number' && Number.isFinite(key) && Math.abs(key) <= REAL_MAX;
  }
}

/** `relevance`: what the relevance order sorts this query by (see relevanceKeyOf). */
export function decodeCursor(
  cursor: string,
  order: ListOrder,
  relevance: RelevanceKey = 'rank',
): Position {
  let payload: Partial<CursorPayload> | null = null;
  try {
    payload = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as Partial<CursorPayload>;
  } catch {
    payload = null;
  }
  const keyOk =
    typeof payload?.k === 'number' ? Number.isFinite(payload.k) : typeof payload?.k === 'string';
  if (!payload || !keyOk || typeof payload.i !== 'string' || !UUID.test(payload.i)) {
    throw invalidCursor('is not a cursor this API issued');
  }
  if (payload.o !== order) throw invalidCursor('belongs to a different sort order');
  if (!keyFitsOrder(payload.k, order, relevance)) {
    throw invalidCursor('is not a cursor this API issued');
  }
  return { key: payload.k as string | number, id: payload.i };
}

const invalidCursor = (message: string) =>
  AppError.invalid(`Invalid query: cursor ${message}`, [{ field: 'cursor', message }]);
