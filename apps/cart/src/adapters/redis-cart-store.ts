import type { Redis } from 'ioredis';
import { AppError } from '@portside/service-kit';
import type { CartStore, SetQuantityOutcome, StoredCart } from '../domain/cart-store';

/**
 * One Redis hash per cart: field = product id, value = quantity, plus one
 * marker field so an empty cart still exists. Every read and write refreshes
 * the key's TTL (the sliding expiry); Redis itself forgets idle carts.
 */
const MARKER_FIELD = '_created';

/**
 * Setting a line must check that the cart still exists and count its lines
 * in the same step as the write, or a cart expiring in between would be
 * resurrected holding one line. A script runs atomically inside Redis.
 */
const SET_QUANTITY_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local quantity = tonumber(ARGV[2])
if quantity == 0 then
  redis.call('HDEL', KEYS[1], ARGV[1])
elseif redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0
  and redis.call('HLEN', KEYS[1]) - 1 >= tonumber(ARGV[4]) then
  return 2
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
`;

const SET_QUANTITY_OUTCOMES: Record<number, SetQuantityOutcome> = {
  0: 'cart_not_found',
  1: 'ok',
  2: 'cart_full',
};

type RedisWithCartScripts = Redis & {
  cartSetQuantity(
    key: string,
    productId: string,
    quantity: number,
    ttlSeconds: number,
    maxLines: number,
  ): Promise<number>;
};

export interface RedisCartStoreOptions {
  /** Key prefixes (REDIS_KEY_PREFIX) belong on the client: ioredis' keyPrefix option. */
  redis: Redis;
  ttlSeconds: number;
  now?: () => number;
}

export function createRedisCartStore({
  redis,
  ttlSeconds,
  now = Date.now,
}: RedisCartStoreOptions): CartStore {
  redis.defineCommand('cartSetQuantity', { numberOfKeys: 1, lua: SET_QUANTITY_LUA });
  const scripted = redis as RedisWithCartScripts;
  const keyOf = (cartId: string) => `cart:${cartId}`;
  const expiresAt = () => new Date(now() + ttlSeconds * 1000);

  return {
    create: (cartId) =>
      guard(async () => {
        const key = keyOf(cartId);
        results(await redis.multi().hset(key, MARKER_FIELD, now()).expire(key, ttlSeconds).exec());
        return { id: cartId, quantities: new Map(), expiresAt: expiresAt() };
      }),

    read: (cartId) =>
      guard(async () => {
        const key = keyOf(cartId);
        const [fields] = results(await redis.multi().hgetall(key).expire(key, ttlSeconds).exec());
        const hash = fields as Record<string, string>;
        if (Object.keys(hash).length === 0) return null;
        return toStoredCart(cartId, hash, expiresAt());
      }),

    exists: (cartId) => guard(async () => (await redis.exists(keyOf(cartId))) === 1),

    setQuantity: (cartId, productId, quantity, maxLines) =>
      guard(async () => {
        const code = await scripted.cartSetQuantity(
          keyOf(cartId),
          productId,
          quantity,
          ttlSeconds,
          maxLines,
        );
        const outcome = SET_QUANTITY_OUTCOMES[code];
        if (!outcome) throw new Error(`unexpected answer from the set-quantity script: ${code}`);
        return outcome;
      }),

    removeLines: (cartId, productIds) =>
      guard(async () => {
        const key = keyOf(cartId);
        // HDEL and EXPIRE never create a key, so an expired cart stays gone; EXPIRE says whether it exists.
        const [, refreshed] = results(
          await redis
            .multi()
            .hdel(key, ...productIds)
            .expire(key, ttlSeconds)
            .exec(),
        );
        return refreshed === 1;
      }),

    delete: (cartId) => guard(async () => (await redis.del(keyOf(cartId))) === 1),
  };
}

function toStoredCart(id: string, hash: Record<string, string>, expiresAt: Date): StoredCart {
  const quantities = new Map<string, number>();
  for (const [field, value] of Object.entries(hash)) {
    if (field !== MARKER_FIELD) quantities.set(field, Number(value));
  }
  return { id, quantities, expiresAt };
}

/** Unwraps a MULTI's answers, failing on the first command error. */
function results(replies: [Error | null, unknown][] | null): unknown[] {
  if (!replies) throw new Error('Redis transaction was aborted');
  return replies.map(([err, value]) => {
    if (err) throw err;
    return value;
  });
}

/** Redis trouble is an outage of this service's store, answered as 503, not a 500. */
async function guard<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (err) {
    throw AppError.unavailable('Cart storage is unavailable', err);
  }
}
