import type { Product } from '@portside/contracts';
import type { Logger } from '@portside/service-kit';
import type { Redis } from 'ioredis';
import { CacheKeys, type CacheScope } from './cache-keys';

export interface ReadCacheOptions {
  keyPrefix: string;
  ttlSeconds: number;
  logger: Logger;
}

type Stock = Record<string, number>;

/**
 * A read-through cache in Redis that never stands between a reader and
 * PostgreSQL: when Redis fails, values are loaded as if nothing was cached.
 *
 * Two scopes of invalidation: admin writes bump the content version (every
 * cached read goes), reservations bump only the stock version. Products are
 * cached with their stock kept beside them under both versions, so a checkout
 * costs the next reader one primary-key stock lookup, not a new search.
 */
export class ReadCache {
  private readonly keys: CacheKeys;
  /** Writes that happened while Redis was away: their versions are bumped once it is back. */
  private readonly owed = new Set<CacheScope>();

  constructor(
    private readonly redis: Redis,
    private readonly options: ReadCacheOptions,
  ) {
    this.keys = new CacheKeys(options.keyPrefix);
    redis.on('ready', () => {
      for (const scope of [...this.owed]) void this.invalidate(scope);
    });
  }

  /** A value that only admin writes change (e.g. the category tree). */
  async remember<T>(name: string, params: unknown, load: () => Promise<T>): Promise<T> {
    const versions = await this.versions();
    if (!versions) return load();
    const key = this.keys.entry(versions.content, name, params);
    const [cached] = await this.get([key]);
    if (cached) return JSON.parse(cached) as T;
    const value = await load();
    this.store(key, value);
    return value;
  }

  /**
   * A value holding products (a page, or one product), with their stock
   * always as fresh as the last reservation: `freshStock` reads it when the
   * cached stock is older than the stock version.
   */
  async rememberProducts<T>(
    name: string,
    params: unknown,
    load: () => Promise<T>,
    productsOf: (value: T) => Product[],
    freshStock: (ids: string[]) => Promise<Map<string, number>>,
  ): Promise<T> {
    const versions = await this.versions();
    if (!versions) return load();
    const valueKey = this.keys.entry(versions.content, name, params);
    const stockKey = this.keys.entry(
      `${versions.content}.${versions.stock}`,
      `${name}:stock`,
      params,
    );
    const [cachedValue, cachedStock] = await this.get([valueKey, stockKey]);

    if (!cachedValue) {
      // Loaded from PostgreSQL just now: its stock is fresh as it is.
      const value = await load();
      this.store(valueKey, value);
      this.store(stockKey, stockOf(productsOf(value)));
      return value;
    }
    const value = JSON.parse(cachedValue) as T;
    const products = productsOf(value);
    let stock: Stock;
    if (cachedStock) {
      stock = JSON.parse(cachedStock) as Stock;
    } else {
      stock = Object.fromEntries(await freshStock(products.map((p) => p.id)));
      this.store(stockKey, stock);
    }
    for (const product of products) product.stock = stock[product.id] ?? product.stock;
    return value;
  }

  /** Called after every write, once it is committed: the scope's cached reads become unreachable. */
  async invalidate(scope: CacheScope): Promise<void> {
    try {
      await this.redis.incr(this.keys.version(scope));
      this.owed.delete(scope);
    } catch (err) {
      // Entries still expire by TTL; the owed bump happens on reconnect.
      this.owed.add(scope);
      this.options.logger.warn({ err, scope }, 'cache invalidation deferred until Redis is back');
    }
  }

  private async versions(): Promise<Record<CacheScope, string> | undefined> {
    const [content, stock] = await this.get([
      this.keys.version('content'),
      this.keys.version('stock'),
    ]);
    if (content === undefined) return undefined;
    return { content: content ?? '0', stock: stock ?? '0' };
  }

  /** undefined entries mean Redis did not answer. */
  private async get(keys: string[]): Promise<Array<string | null | undefined>> {
    try {
      return await this.redis.mget(keys);
    } catch (err) {
      this.options.logger.debug({ err }, 'cache read skipped');
      return keys.map(() => undefined);
    }
  }

  private store(key: string, value: unknown): void {
    if (value === null || value === undefined) return;
    this.redis.set(key, JSON.stringify(value), 'EX', this.options.ttlSeconds).catch((err) => {
      this.options.logger.debug({ err }, 'cache write skipped');
    });
  }
}

const stockOf = (products: Product[]): Stock =>
  Object.fromEntries(products.map((p) => [p.id, p.stock]));
