import type { Product } from '@portside/contracts';
import type { Logger } from '@portside/service-kit';
import type { Redis } from 'ioredis';
import type { CacheScope, JsonBody, ReadCache } from '../domain/ports';
import { CacheKeys, digestOf } from './cache-keys';
import { RecentAnswers } from './recent-answers';

export interface ReadCacheOptions {
  keyPrefix: string;
  ttlSeconds: number;
  logger: Logger;
  /** Bytes of rendered answers kept in this process (default 2 MiB). */
  recentBytes?: number;
  /** Told each lookup's result: hit, miss (loaded from PostgreSQL), or error (Redis away). */
  onLookup?: (result: 'hit' | 'miss' | 'error') => void;
}

/**
 * A read-through cache in Redis that never stands between a reader and
 * PostgreSQL: when Redis fails, values are loaded as if nothing was cached.
 *
 * Two scopes of invalidation: admin writes bump the content version (every
 * cached read goes), reservations bump only the stock version, so a checkout
 * costs the next reader of a page one primary-key stock lookup, not a search.
 */
export class RedisReadCache implements ReadCache {
  private readonly keys: CacheKeys;
  /** Writes that happened while Redis was away: their versions are bumped once it is back. */
  private readonly owed = new Set<CacheScope>();
  /** Plain reads in progress, by key (see remember). */
  private readonly reading = new Map<string, Promise<unknown>>();
  /** Renderings in progress, by rendered key and versions. */
  private readonly rendering = new Map<string, Promise<Buffer | null>>();
  /** What this process rendered or fetched last, served while its versions are current. */
  private readonly recent: RecentAnswers;

  constructor(
    private readonly redis: Redis,
    private readonly options: ReadCacheOptions,
  ) {
    this.keys = new CacheKeys(options.keyPrefix);
    this.recent = new RecentAnswers(options.recentBytes ?? 2 * 1024 * 1024);
    redis.on('ready', () => {
      for (const scope of [...this.owed]) void this.invalidate(scope);
    });
  }

  /**
   * A value that only admin writes change (e.g. the category tree), or, with
   * `dependsOnStock`, one that stock changes change too (e.g. in-stock counts).
   */
  async remember<T>(
    name: string,
    params: unknown,
    load: () => Promise<T>,
    { dependsOnStock = false } = {},
  ): Promise<T> {
    const versions = await this.versions();
    if (!versions) {
      this.lookup('error');
      return load();
    }
    const version = dependsOnStock ? `${versions.content}.${versions.stock}` : versions.content;
    const key = this.keys.entry(version, name, params);
    // Concurrent readers of one key share one read (and one load on a miss), so a
    // popular query that just fell out of the cache is computed once, not once per reader.
    const running = this.reading.get(key) as Promise<T> | undefined;
    if (running) return running;
    const reading = this.readOrLoad(key, load);
    this.reading.set(key, reading);
    try {
      return await reading;
    } finally {
      this.reading.delete(key);
    }
  }

  private async readOrLoad<T>(key: string, load: () => Promise<T>): Promise<T> {
    const [cached] = await this.get([key]);
    this.lookup(cached ? 'hit' : 'miss');
    if (cached) return JSON.parse(cached) as T;
    const value = await load();
    if (value !== null && value !== undefined) this.store(key, JSON.stringify(value));
    return value;
  }

  /**
   * A value holding products (a page, or one product) as JSON bytes ready to
   * send, with stock as fresh as the last committed reservation. Every read
   * asks Redis for the current content and stock versions (one small round
   * trip), then takes the first of: the answer this process last served for
   * the value, when rendered at those versions (nothing else goes over the
   * network: no parsing, no serialising); the rendered answer in Redis,
   * stamped with the versions it was rendered at, when those are the current
   * ones (the bytes go from Redis to the socket); the value for the current
   * content version with stock re-read by primary key (a checkout happened:
   * the search need not run again); a load from PostgreSQL. One rendered
   * entry per value, so frequent checkouts overwrite it rather than pile up
   * new keys. Concurrent readers missing the same entry at the same versions
   * share one rendering: every checkout outdates every page at once, and
   * without this each reader in flight would re-read the stock and re-render
   * the page itself.
   * Null when `load` finds nothing (never cached).
   * With `stockDecidesMembership` (a page filtered on stock), a stock change
   * outdates the value itself: which products belong may have changed, so it
   * is loaded again rather than re-stocked.
   */
  async rememberProducts<T>(
    name: string,
    params: unknown,
    load: () => Promise<T | null>,
    productsOf: (value: T) => Product[],
    freshStock: (ids: string[]) => Promise<Map<string, number>>,
    { stockDecidesMembership = false } = {},
  ): Promise<JsonBody<T> | null> {
    const current = await this.versions();
    if (!current) {
      this.lookup('error');
      return jsonOrNull(await load());
    }
    const digest = digestOf(params);
    const renderedKey = this.keys.rendered(name, digest);
    const versions = `${current.content}:${current.stock}`;
    const recent = this.recent.get(renderedKey);
    if (recent?.versions === versions) {
      this.lookup('hit');
      return recent.body;
    }

    const flight = `${renderedKey}@${versions}`;
    const running = this.rendering.get(flight) as Promise<JsonBody<T> | null> | undefined;
    if (running) return running;
    const rendering = this.fetchOrRender(
      versions,
      renderedKey,
      this.keys.entryOf(
        stockDecidesMembership ? `${current.content}.${current.stock}` : current.content,
        name,
        digest,
      ),
      { load, productsOf, freshStock },
    );
    this.rendering.set(flight, rendering);
    try {
      return await rendering;
    } finally {
      this.rendering.delete(flight);
    }
  }

  /** The rendered answer at these versions: Redis's when it has one, else rendered here. */
  private async fetchOrRender<T>(
    versions: string,
    renderedKey: string,
    valueKey: string,
    source: ProductSource<T>,
  ): Promise<JsonBody<T> | null> {
    const stamp = Buffer.from(`${versions}:`);
    const [rendered, cachedValue] = await this.getBuffers([renderedKey, valueKey]);
    let json: JsonBody<T> | null;
    if (rendered && stamp.compare(rendered, 0, stamp.length) === 0) {
      this.lookup('hit');
      json = rendered.subarray(stamp.length);
    } else {
      // A cached value whose stock is refreshed saves the search: a hit; a load is a miss.
      this.lookup(cachedValue ? 'hit' : 'miss');
      json = await this.render(stamp, renderedKey, valueKey, cachedValue, source);
    }
    if (json !== null) this.recent.set(renderedKey, versions, json);
    return json;
  }

  private async render<T>(
    stamp: Buffer,
    renderedKey: string,
    valueKey: string,
    cachedValue: Buffer | null | undefined,
    { load, productsOf, freshStock }: ProductSource<T>,
  ): Promise<JsonBody<T> | null> {
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
  private get(keys: string[]): Promise<Array<string | null | undefined>> {
    return this.tolerant(keys, () => this.redis.mget(keys));
  }

  /** As get, with the values as bytes. */
  private getBuffers(keys: string[]): Promise<Array<Buffer | null | undefined>> {
    return this.tolerant(keys, () => this.redis.mgetBuffer(keys));
  }

  /** A read Redis cannot answer is a miss for every key, never an error. */
  private async tolerant<T>(
    keys: string[],
    read: () => Promise<T[]>,
  ): Promise<Array<T | undefined>> {
    try {
      return await read();
    } catch (err) {
      this.options.logger.debug({ err }, 'cache read skipped');
      return keys.map(() => undefined);
    }
  }

  private lookup(result: 'hit' | 'miss' | 'error'): void {
    this.options.onLookup?.(result);
  }

  private store(key: string, json: string | Buffer): void {
    this.redis.set(key, json, 'EX', this.options.ttlSeconds).catch((err) => {
      this.options.logger.debug({ err }, 'cache write skipped');
    });
  }
}

/** Where a value holding products comes from, and how its stock is refreshed. */
interface ProductSource<T> {
  load: () => Promise<T | null>;
  productsOf: (value: T) => Product[];
  freshStock: (ids: string[]) => Promise<Map<string, number>>;
}

const jsonOrNull = <T>(value: T | null): JsonBody<T> | null =>
  value === null ? null : Buffer.from(JSON.stringify(value), 'utf8');
