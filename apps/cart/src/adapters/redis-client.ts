import { Redis } from 'ioredis';
import { redisClientOptions, type RedisTimeouts } from '@portside/service-kit';

export interface CartRedisSettings extends RedisTimeouts {
  REDIS_URL: string;
  REDIS_KEY_PREFIX: string;
}

/**
 * The carts' Redis client: credentials come in the URL (redis://user:password@host),
 * and every command fails within REDIS_COMMAND_TIMEOUT_MS when Redis stops
 * answering, so a request gets a quick 503 instead of hanging.
 */
export function createCartRedis(settings: CartRedisSettings): Redis {
  return new Redis(settings.REDIS_URL, {
    ...redisClientOptions(settings),
    keyPrefix: settings.REDIS_KEY_PREFIX,
  });
}
