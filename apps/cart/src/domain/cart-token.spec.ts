import { CartId } from '@portside/contracts';
import { newCartToken } from './cart-token';

describe('newCartToken', () => {
  it('carries 256 random bits as URL-safe text', () => {
    const token = newCartToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  it('is accepted as a cart id by the contract', () => {
    expect(CartId.safeParse(newCartToken()).success).toBe(true);
  });

  it('never repeats', () => {
    const tokens = new Set(Array.from({ length: 10_000 }, newCartToken));
    expect(tokens.size).toBe(10_000);
  });
});
