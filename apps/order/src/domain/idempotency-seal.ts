import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/*
 * A stored answer can hold an order's access token, which must never sit in
 * the database in clear. So the row is found by a hash of the Idempotency-Key
 * and the answer is sealed (AES-256-GCM) with a key derived from the
 * Idempotency-Key itself: only a client that knows the key can have it replayed,
 * and a copy of the database reveals neither keys nor tokens.
 */

export interface SealedBody {
  sealed: string;
}

/** The row id of an Idempotency-Key. */
export const keyIdOf = (key: string): string =>
  createHash('sha256').update(key, 'utf8').digest('hex');

const secretOf = (key: string) =>
  Buffer.from(hkdfSync('sha256', key, 'portside/order/idempotency', 'stored-response', 32));

export function sealBody(key: string, body: unknown): SealedBody {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secretOf(key), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(body), 'utf8'), cipher.final()]);
  return { sealed: Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64') };
}

export function openBody(key: string, stored: unknown): unknown {
  const sealed = (stored as Partial<SealedBody> | null)?.sealed;
  if (typeof sealed !== 'string') throw new Error('stored answer is not sealed');
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', secretOf(key), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString(
    'utf8',
  );
  return JSON.parse(text);
}
