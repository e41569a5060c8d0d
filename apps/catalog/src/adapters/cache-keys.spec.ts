import { CacheKeys, stableJson } from './cache-keys';

describe('cache keys', () => {
  const keys = new CacheKeys('test:');

  it('are equal for equal queries whatever their key order', () => {
    expect(keys.entry('3', 'products', { q: 'lamp', limit: 24 })).toBe(
      keys.entry('3', 'products', { limit: 24, q: 'lamp' }),
    );
  });

  it('ignore fields that are undefined', () => {
    expect(keys.entry('1', 'products', { q: undefined, limit: 5 })).toBe(
      keys.entry('1', 'products', { limit: 5 }),
    );
  });

  it('change with the version, so one increment invalidates every entry', () => {
    expect(keys.entry('1', 'products', { limit: 5 })).not.toBe(
      keys.entry('2', 'products', { limit: 5 }),
    );
  });

  it('differ between queries and carry the prefix', () => {
    const a = keys.entry('1', 'products', { limit: 5 });
    expect(a).not.toBe(keys.entry('1', 'products', { limit: 6 }));
    expect(a.startsWith('test:catalog:v1:products:')).toBe(true);
    expect(keys.version('content')).toBe('test:catalog:version:content');
    expect(keys.version('stock')).toBe('test:catalog:version:stock');
  });

  it('serialise nested values stably', () => {
    expect(stableJson({ b: [1, { d: 2, c: 1 }], a: null })).toBe(
      '{"a":null,"b":[1,{"c":1,"d":2}]}',
    );
  });
});
