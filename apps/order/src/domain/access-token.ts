import { createHash, randomBytes } from 'node:crypto';

/** A bearer token that reads one order: 32 random bytes, base64url (43 characters). */
export function newAccessToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashAccessToken(token) };
}

/** Only this hash is stored: a database leak gives no one the tokens. */
export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
