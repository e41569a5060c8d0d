import type { Logger } from '@portside/service-kit';
import type { Redis } from 'ioredis';
import { CacheKeys } from './cache-keys';

export interface ReadCacheOptions {
  keyPrefix: string;
  ttlSeconds: number;
  logger: Logger;
}

/**
 * A read-through cache in Redis that never stands between a reader and
 * PostgreSQL: when Redis fails, the value is loaded as if nothing was cached.
 */
export class ReadCache {
  private readonly keys: CacheKeys;
  /** A write happened while Redis was away: the version is bumped once it is back. */
  private invalidationOwed = false;

  constructor(
    private readonly redis: Redis,
    private readonly options: ReadCacheOptions,
  ) {
    this.keys = new CacheKeys(options.keyPrefix);
    redis.on('ready', () => {
      if (this.invalidationOwed) void this.invalidate();
    });
  }

  async remember<T>(name: string, params: unknown, load: () => Promise<T>): Promise<T> {
    let key: string | undefined;
    try {
      const version = (await this.redis.get(this.keys.version)) ?? '0';
      key = this.keys.entry(version, name, params);
      const cached = await this.redis.get(key);
      if (cached !== null) return JSON.parse(cached) as T;
    } catch (err) {
      this.options.logger.debug({ err }, 'cache read skipped');
      key = undefined;
    }
    const value = await load();
    if (key !== undefined && value !== null && value !== undefined) {
      this.redis.set(key, JSON.stringify(value), 'EX', this.options.ttlSeconds).catch((err) => {
        this.options.logger.debug({ err }, 'cache write skipped');
      });
    }
    return value;
  }

  /** Called after every write: all cached reads become unreachable at once. */
  async invalidate(): Promise<void> {
    try {
      await this.redis.incr(this.keys.version);
      this.invalidationOwed = false;
    } catch (err) {
      // Entries still expire by TTL; the owed bump happens on reconnect.
      this.invalidationOwed = true;
      this.options.logger.warn({ err }, 'cache invalidation deferred until Redis is back');
    }
  }
}
