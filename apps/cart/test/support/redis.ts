import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export interface TestRedis {
  url: string;
  /** A key prefix unique to this caller: Redis is shared, so tests never flush it. */
  keyPrefix: string;
  stop(): Promise<void>;
}

/**
 * The Redis the tests use: TEST_REDIS_URL, or the machine's own. It is
 * shared, so each caller works under its own key prefix and deletes only
 * its own keys (never FLUSHDB).
 */
export async function startRedis(): Promise<TestRedis> {
  return {
    url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    keyPrefix: `test:${randomUUID()}:`,
    stop: async () => undefined,
  };
}

/** A client that sees keys as they are stored, prefix included, for assertions and cleanup. */
export function rawRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1 });
}

export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
