import type { Product } from '@portside/contracts';
import { createLogger } from '@portside/service-kit';
import { closedPort, startRedis } from '@portside/testkit';
import { RedisReadCache } from '../src/adapters/read-cache';
import { connectInBackground, createRedis, type Redis } from '../src/adapters/redis';

const logger = createLogger({ name: 'read-cache-test', level: 'silent' });
const product = (id: string, stock: number) => ({ id, stock }) as Product;

/** A page source that counts how often the expensive search and the stock lookup run. */
function source() {
  const db = { stock: new Map([['a', 5]]), searches: 0, stockReads: 0 };
  return {
    db,
    load: async () => {
      db.searches++;
      return { items: [product('a', db.stock.get('a') ?? 0)] };
    },
    productsOf: (page: { items: Product[] }) => page.items,
    freshStock: async () => {
      db.stockReads++;
      return new Map(db.stock);
    },
  };
}

describe('the read cache', () => {
  let redis: Redis;
  let cache: RedisReadCache;
  let keyPrefix: string;

  beforeAll(async () => {
    const server = await startRedis();
    redis = createRedis(server.url);
    connectInBackground(redis, logger);
    await new Promise((resolve) => redis.once('ready', resolve));
    keyPrefix = server.keyPrefix;
    cache = new RedisReadCache(redis, { keyPrefix, ttlSeconds: 60, logger });
  });

  afterAll(() => redis.disconnect());

  const read = (s: ReturnType<typeof source>, params: unknown) =>
    cache
      .rememberProducts('page', params, s.load, s.productsOf, s.freshStock)
      .then((json) => JSON.parse(json?.toString('utf8') ?? 'null'));

  it('answers repeated reads without loading again', async () => {
    const s = source();
    await read(s, { q: 'repeat' });
    await read(s, { q: 'repeat' });
    await read(s, { q: 'repeat' });
    expect(s.db).toMatchObject({ searches: 1, stockReads: 0 });
  });

  it('answers a cached read with one Redis command', async () => {
    const s = source();
    await read(s, { q: 'one trip' });
    await redis.ping(); // the first read's writes have landed
    const sent = jest.spyOn(redis, 'sendCommand');
    try {
      await read(s, { q: 'one trip' });
      expect(sent.mock.calls.map(([command]) => command.name)).toEqual(['mget']);
    } finally {
      sent.mockRestore();
    }
  });

  it('shows a stock change after a stock invalidation by re-reading stock only', async () => {
    const s = source();
    expect((await read(s, { q: 'stock' })).items[0].stock).toBe(5);
    s.db.stock.set('a', 2);
    await cache.invalidate('stock');
    expect((await read(s, { q: 'stock' })).items[0].stock).toBe(2);
    expect((await read(s, { q: 'stock' })).items[0].stock).toBe(2);
    expect(s.db).toMatchObject({ searches: 1, stockReads: 1 });
  });

  it('serves the copy it keeps only while Redis still has the versions it was rendered at', async () => {
    const s = source();
    expect((await read(s, { q: 'elsewhere' })).items[0].stock).toBe(5);
    // Another instance of the catalog records a reservation.
    const other = new RedisReadCache(redis, { keyPrefix, ttlSeconds: 60, logger });
    s.db.stock.set('a', 1);
    await other.invalidate('stock');
    expect((await read(s, { q: 'elsewhere' })).items[0].stock).toBe(1);
  });

  it('loads everything again after a content invalidation', async () => {
    const s = source();
    await read(s, { q: 'content' });
    await cache.invalidate('content');
    await read(s, { q: 'content' });
    expect(s.db.searches).toBe(2);
  });

  it('loads a missing value once for readers that arrive together', async () => {
    let loads = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = async () => {
      loads++;
      await gate;
      return { facets: 1 };
    };
    const readers = Array.from({ length: 5 }, () => cache.remember('together', 'q', load));
    release();
    expect(await Promise.all(readers)).toEqual(Array(5).fill({ facets: 1 }));
    expect(loads).toBe(1);
  });

  it('keeps a value that depends on stock only until the next stock change', async () => {
    let loads = 0;
    const load = async () => ++loads;
    const read = () => cache.remember('in-stock-count', 'q', load, { dependsOnStock: true });
    expect(await read()).toBe(1);
    expect(await read()).toBe(1);
    await cache.invalidate('stock');
    expect(await read()).toBe(2);
    // A plain value is not touched by stock changes.
    const plain = () => cache.remember('plain', 'q', load);
    const before = await plain();
    await cache.invalidate('stock');
    expect(await plain()).toBe(before);
  });

  it('never caches a value that was not found', async () => {
    let loads = 0;
    const missing = async () => {
      loads++;
      return null;
    };
    for (let i = 0; i < 2; i++) {
      expect(
        await cache.rememberProducts(
          'one',
          'ghost',
          missing,
          () => [],
          async () => new Map(),
        ),
      ).toBeNull();
    }
    expect(loads).toBe(2);
  });

  it('loads from the source on every read while Redis is away', async () => {
    const away = createRedis(`redis://127.0.0.1:${await closedPort()}`);
    connectInBackground(away, logger);
    const offline = new RedisReadCache(away, { keyPrefix: 'unused:', ttlSeconds: 60, logger });
    const s = source();
    for (let i = 0; i < 2; i++) {
      await offline.rememberProducts('page', {}, s.load, s.productsOf, s.freshStock);
    }
    await offline.invalidate('content');
    expect(s.db.searches).toBe(2);
    away.disconnect();
  });
});
