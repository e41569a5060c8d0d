import type { Product } from '@portside/contracts';
import type { Logger } from '@portside/service-kit';
import type { Redis } from 'ioredis';
import { CacheKeys, digestOf, type CacheScope } from './cache-keys';

export interface ReadCacheOptions {
  keyPrefix: string;
  ttlSeconds: number;
  logger: Logger;
}

/**
 * A read-through cache in Redis that never stands between a reader and
 * PostgreSQL: when Redis fails, values are loaded as if nothing was cached.
 *
 * Two scopes of invalidation: admin writes bump the content version (every
 * cached read goes), reservations bump only the stock version, so a checkout
 * costs the next reader of a page one primary-key stock lookup, not a search.
 */
export class ReadCache {
  private readonly keys: CacheKeys;
  /** Writes that happened while Redis was away: their versions are bumped once it is back. */
  private readonly owed = new Set<CacheScope>();
  /** Renderings in progress, by rendered key and stock version. */
  private readonly rendering = new Map<string, Promise<Buffer | null>>();

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
    if (value !== null && value !== undefined) this.store(key, JSON.stringify(value));
    return value;
  }

  /**
   * A value holding products (a page, or one product) as JSON bytes ready to
   * send, with stock as fresh as the last committed reservation. Three tiers:
   * the rendered answer, stamped with the content and stock versions it was
   * rendered at, served as is when those are still the current ones (no
   * parsing, no serialising, not even decoding: the bytes go from Redis to
   * the socket), and read in the same round trip as the versions; else the
   * value for the current content version with stock re-read by primary key
   * (a checkout happened: the search need not run again); else a load from
   * PostgreSQL. One rendered entry per value, so frequent checkouts overwrite
   * it rather than pile up new keys. Concurrent readers missing the same
   * entry at the same versions share one rendering: every checkout outdates
   * every page at once, and without this each reader in flight would re-read
   * the stock and re-render the page itself.
   * Null when `load` finds nothing (never cached).
   */
  async rememberProducts<T>(
    name: string,
    params: unknown,
    load: () => Promise<T | null>,
    productsOf: (value: T) => Product[],
    freshStock: (ids: string[]) => Promise<Map<string, number>>,
  ): Promise<JsonBody<T> | null> {
    const digest = digestOf(params);
    const renderedKey = this.keys.rendered(name, digest);
    const [content, stock, rendered] = await this.getBuffers([
      this.keys.version('content'),
      this.keys.version('stock'),
      renderedKey,
    ]);
    if (content === undefined) return jsonOrNull(await load());
    const contentVersion = content?.toString('latin1') ?? '0';
    const versions = `${contentVersion}:${stock?.toString('latin1') ?? '0'}`;
    const stamp = Buffer.from(`${versions}:`);
    if (rendered && stamp.compare(rendered, 0, stamp.length) === 0) {
      return rendered.subarray(stamp.length);
    }

    const flight = `${renderedKey}@${versions}`;
    const running = this.rendering.get(flight) as Promise<JsonBody<T> | null> | undefined;
    if (running) return running;
    const rendering = this.render(
      stamp,
      renderedKey,
      this.keys.entryOf(contentVersion, name, digest),
      load,
      productsOf,
      freshStock,
    );
    this.rendering.set(flight, rendering);
    try {
      return await rendering;
    } finally {
      this.rendering.delete(flight);
    }
  }

  private async render<T>(
    stamp: Buffer,
    renderedKey: string,
    valueKey: string,
    load: () => Promise<T | null>,
    productsOf: (value: T) => Product[],
    freshStock: (ids: string[]) => Promise<Map<string, number>>,
  ): Promise<JsonBody<T> | null> {
    const [cachedValue] = await this.getBuffers([valueKey]);
    let value: T | null;
    if (cachedValue) {
      value = JSON.parse(cachedValue.toString('utf8')) as T;
      const products = productsOf(value);
      const stock = await freshStock(products.map((p) => p.id));
      for (const product of products) product.stock = stock.get(product.id) ?? product.stock;
    } else {
      // Loaded from PostgreSQL just now: its stock is fresh as it is.
      value = await load();
      if (value !== null) this.store(valueKey, JSON.stringify(value));
    }
    const json = jsonOrNull(value);
    // Stamped with the versions read before the data was: never newer than it claims.
    if (json !== null) this.store(renderedKey, Buffer.concat([stamp, json]));
    return json;
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

  /** As get, with the values as bytes. */
  private async getBuffers(keys: string[]): Promise<Array<Buffer | null | undefined>> {
    try {
      return await this.redis.mgetBuffer(keys);
    } catch (err) {
      this.options.logger.debug({ err }, 'cache read skipped');
      return keys.map(() => undefined);
    }
  }

  private store(key: string, json: string | Buffer): void {
    this.redis.set(key, json, 'EX', this.options.ttlSeconds).catch((err) => {
      this.options.logger.debug({ err }, 'cache write skipped');
    });
  }
}

/** UTF-8 JSON known to hold a T: lets cache hits go to the wire without decoding or parsing. */
export type JsonBody<T> = Buffer & { readonly __shape?: T };

const jsonOrNull = <T>(value: T | null): JsonBody<T> | null =>
  value === null ? null : Buffer.from(JSON.stringify(value), 'utf8');
