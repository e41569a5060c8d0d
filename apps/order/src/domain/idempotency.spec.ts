import type { ParsedCheckoutRequest } from '@portside/contracts';
import { AppError } from '@portside/service-kit';
import {
  canonicalJson,
  fingerprintOf,
  runIdempotently,
  type ClaimOutcome,
  type IdempotencyStore,
  type StoredResponse,
} from './idempotency';

const request: ParsedCheckoutRequest = {
  cartId: 'cart_aaaaaaaaaaaaaaaaaaaaaaaa',
  email: 'ada@example.com',
  shippingAddress: {
    name: 'Ada',
    line1: '1 Loop Rd',
    city: 'Springfield',
    postalCode: '12345',
    country: 'US',
  },
  payment: { cardNumber: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
};

class MemoryStore implements IdempotencyStore {
  rows = new Map<string, { fingerprint: string; response: StoredResponse | null }>();
  async claim(key: string, fingerprint: string): Promise<ClaimOutcome> {
    const row = this.rows.get(key);
    if (!row) {
      this.rows.set(key, { fingerprint, response: null });
      return { claimed: true, resumed: false };
    }
    return {
      claimed: false,
      fingerprint: row.fingerprint,
      state: row.response ? 'completed' : 'in_progress',
      response: row.response,
    };
  }
  async complete(key: string, response: StoredResponse) {
    this.rows.get(key)!.response = response;
  }
  async release(key: string) {
    this.rows.delete(key);
  }
}

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('fingerprintOf', () => {
  it('is the same for the same request whatever the key order', () => {
    const reordered = {
      payment: request.payment,
      email: request.email,
      shippingAddress: request.shippingAddress,
      cartId: request.cartId,
    };
    expect(fingerprintOf(reordered)).toBe(fingerprintOf(request));
    expect(fingerprintOf(request)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs when anything the order keeps differs', () => {
    expect(fingerprintOf({ ...request, email: 'bob@example.com' })).not.toBe(
      fingerprintOf(request),
    );
    const otherCard = {
      ...request,
      payment: { ...request.payment, cardNumber: '4000000000000002' },
    };
    expect(fingerprintOf(otherCard)).not.toBe(fingerprintOf(request));
  });

  it('is not derived from the card number or cvc beyond the last four digits', () => {
    const sameLast4 = {
      ...request,
      payment: { ...request.payment, cardNumber: '4111111111114242', cvc: '999' },
    };
    expect(fingerprintOf(sameLast4)).toBe(fingerprintOf(request));
  });
});

describe('runIdempotently', () => {
  const ok: StoredResponse = { status: 201, body: { id: 'order-1' } };

  it('runs the first request and replays its answer to a repeat', async () => {
    const store = new MemoryStore();
    const work = jest.fn(async () => ok);
    expect(await runIdempotently(store, 'key-1', 'fp', work)).toEqual({
      response: ok,
      replayed: false,
    });
    expect(await runIdempotently(store, 'key-1', 'fp', work)).toEqual({
      response: ok,
      replayed: true,
    });
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('refuses the same key with a different body: 422 idempotency_key_reused', async () => {
    const store = new MemoryStore();
    await runIdempotently(store, 'key-1', 'fp', async () => ok);
    await expect(runIdempotently(store, 'key-1', 'other', async () => ok)).rejects.toMatchObject({
      status: 422,
      code: 'idempotency_key_reused',
    });
  });

  it('refuses a repeat while the first still runs: 409 idempotency_key_in_flight', async () => {
    const store = new MemoryStore();
    let finish!: () => void;
    const first = runIdempotently(
      store,
      'key-1',
      'fp',
      () => new Promise((r) => (finish = () => r(ok))),
    );
    await expect(runIdempotently(store, 'key-1', 'fp', async () => ok)).rejects.toMatchObject({
      status: 409,
      code: 'idempotency_key_in_flight',
    });
    finish();
    await first;
  });

  it('stores client-error answers and replays them', async () => {
    const store = new MemoryStore();
    const declined: StoredResponse = { status: 402, body: { code: 'card_declined' } };
    await runIdempotently(store, 'key-1', 'fp', async () => declined);
    expect(await runIdempotently(store, 'key-1', 'fp', async () => ok)).toEqual({
      response: declined,
      replayed: true,
    });
  });

  it('keeps neither the key nor the answer in clear', async () => {
    const store = new MemoryStore();
    const secret = { status: 201, body: { accessToken: 'token-that-reads-the-order' } };
    await runIdempotently(store, 'key-visible?', 'fp', async () => secret);
    const stored = JSON.stringify([...store.rows.entries()]);
    expect(stored).not.toContain('key-visible?');
    expect(stored).not.toContain('token-that-reads-the-order');
    expect((await runIdempotently(store, 'key-visible?', 'fp', async () => ok)).response).toEqual(
      secret,
    );
  });

  it('releases the key after a 5xx answer or a thrown error so a retry runs', async () => {
    const store = new MemoryStore();
    await runIdempotently(store, 'key-1', 'fp', async () => ({ status: 503, body: {} }));
    await expect(
      runIdempotently(store, 'key-1', 'fp', async () => {
        throw new AppError('internal', 'boom');
      }),
    ).rejects.toThrow('boom');
    expect(await runIdempotently(store, 'key-1', 'fp', async () => ok)).toEqual({
      response: ok,
      replayed: false,
    });
  });
});
