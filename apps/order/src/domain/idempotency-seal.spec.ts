import { keyIdOf, openBody, sealBody } from './idempotency-seal';

describe('sealed idempotent answers', () => {
  it('opens with the same key and only with it', () => {
    const sealed = sealBody('key-one-1234', { accessToken: 'abc' });
    expect(openBody('key-one-1234', sealed)).toEqual({ accessToken: 'abc' });
    expect(() => openBody('key-two-1234', sealed)).toThrow();
  });

  it('addresses rows by a hash of the key', () => {
    expect(keyIdOf('key-one-1234')).toMatch(/^[0-9a-f]{64}$/);
    expect(keyIdOf('key-one-1234')).not.toBe(keyIdOf('key-two-1234'));
  });
});
