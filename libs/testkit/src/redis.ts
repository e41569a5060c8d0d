import { randomBytes } from 'node:crypto';

export interface TestRedis {
  url: string;
  /** A key prefix unique to this caller: Redis is shared, so tests never flush it. */
  keyPrefix: string;
  stop(): Promise<void>;
}

let server: Promise<{ url: string; stop(): Promise<void> }> | undefined;

/**
 * The Redis tests use: TEST_REDIS_URL when set, otherwise a throwaway
 * container started once per test process with testcontainers.
 */
export async function startRedis(): Promise<TestRedis> {
  server ??= (async () => {
    const fromEnv = process.env.TEST_REDIS_URL;
    if (fromEnv) return { url: fromEnv, stop: async () => undefined };
    const { RedisContainer } = await import('@testcontainers/redis');
    const image = process.env.REDIS_IMAGE ?? 'redis:7-alpine';
    const container = await new RedisContainer(image).start();
    return { url: container.getConnectionUrl(), stop: async () => void (await container.stop()) };
  })();
  const { url, stop } = await server;
  return { url, stop, keyPrefix: `test:${randomBytes(6).toString('hex')}:` };
}
