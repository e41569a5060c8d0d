import { randomBytes } from 'node:crypto';

const TOKEN_BYTES = 32;

/**
 * A new cart id: 256 random bits, base64url. Knowing the id is what gives
 * access to the cart, so it must be unguessable, not merely unique.
 */
export function newCartToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}
