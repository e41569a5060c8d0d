import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/**
 * The Redis the tests use: TEST_REDIS_URL, or the machine's own. It is
 * shared, so each test file works under its own key prefix and deletes only
 * its own keys (never FLUSHDB).
 */
export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

export function uniqueKeyPrefix(label: string): string {
  return `test:cart:${label}:${randomUUID()}:`;
}

/** A client that sees keys as they are stored, prefix included, for assertions. */
export function rawRedis(url = testRedisUrl()): Redis {
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
