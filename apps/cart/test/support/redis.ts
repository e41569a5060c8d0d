import { Redis } from 'ioredis';

export { startRedis, type TestRedis } from '@portside/testkit';

/** A client that sees keys as they are stored, prefix included, for assertions and cleanup. */
export function rawRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1 });
}

/** Redis is shared: tests delete only the keys under their own prefix, never FLUSHDB. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
