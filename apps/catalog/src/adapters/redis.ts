import { redisClientOptions, type Logger, type RedisTimeouts } from '@portside/service-kit';
import { Redis } from 'ioredis';

export type { Redis };

/**
 * Redis is optional for the catalog: commands fail fast while it is away (no
 * offline queue, one retry) so reads fall back to PostgreSQL at once, and the
 * client keeps reconnecting in the background. Commands issued in the same
 * tick go out as one pipeline: under load many readers share one write and
 * one read on the socket instead of a pair each.
 */
export function createRedis(
  url: string,
  timeouts: RedisTimeouts = { REDIS_CONNECT_TIMEOUT_MS: 1_000, REDIS_COMMAND_TIMEOUT_MS: 500 },
): Redis {
  return new Redis(url, {
    ...redisClientOptions(timeouts, { offlineQueue: false }),
    lazyConnect: true,
    enableAutoPipelining: true,
  });
}

/** Starts connecting without waiting (the service boots with Redis down) and logs only state changes. */
export function connectInBackground(redis: Redis, logger: Logger): void {
  let up = true;
  redis.on('ready', () => {
    if (!up) logger.info('redis is back');
    up = true;
  });
  redis.on('error', (err) => {
    if (up) logger.warn({ err }, 'redis unavailable: reads go to PostgreSQL until it is back');
    up = false;
  });
  redis.connect().catch(() => {
    /* reported through the error event; the client keeps retrying */
  });
}
