import { AppError } from '@portside/service-kit';
import type { ListOrder, Position } from './types';

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

export function decodeCursor(cursor: string, order: ListOrder): Position {
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
  return { key: payload.k as string | number, id: payload.i };
}

const invalidCursor = (message: string) =>
  AppError.invalid(`Invalid query: cursor ${message}`, [{ field: 'cursor', message }]);
