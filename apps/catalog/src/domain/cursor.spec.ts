import { AppError } from '@portside/service-kit';
import { decodeCursor, encodeCursor } from './cursor';

const id = '3f5bf85c-641c-4e23-a8f3-30c8ec76cc49';

describe('cursors', () => {
  it('round-trips a position for the same order', () => {
    const positions = [
      ['relevance', 0.99811226],
      ['price', 1299],
      ['-price', 0],
      ['name', 'Brass Lamp'],
      ['newest', '2026-10-31T02:42:17.351Z'],
    ] as const;
    for (const [order, key] of positions) {
      expect(decodeCursor(encodeCursor(order, { key, id }), order)).toEqual({ key, id });
    }
    const unranked = encodeCursor('relevance', { key: '2026-10-31T02:42:17.351Z', id });
    expect(decodeCursor(unranked, 'relevance', 'newest').key).toBe('2026-10-31T02:42:17.351Z');
    const byName = encodeCursor('relevance', { key: 'Amber Lamp', id });
    expect(decodeCursor(byName, 'relevance', 'name').key).toBe('Amber Lamp');
  });

  it('is opaque URL-safe text', () => {
    expect(encodeCursor('name', { key: 'a/b+c', id })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('refuses a cursor of another order, naming the cursor field', () => {
    const cursor = encodeCursor('price', { key: 100, id });
    expect(() => decodeCursor(cursor, 'name')).toThrow(AppError);
    try {
      decodeCursor(cursor, 'name');
    } catch (err) {
      expect((err as AppError).errors?.[0]?.field).toBe('cursor');
    }
  });

  it.each([
    'garbage',
    Buffer.from('{"o":"price","k":1,"i":"x"}').toString('base64url'),
    Buffer.from('[]').toString('base64url'),
  ])('refuses a cursor it did not issue: %s', (cursor) => {
    expect(() => decodeCursor(cursor, 'price')).toThrow(/cursor/);
  });

  // Each key goes back into SQL as its column's type: one that cannot be that type is a 400, not a 500.
  it.each([
    ['price', 'abc'],
    ['price', 1e12],
    ['price', 12.5],
    ['-price', '100'],
    ['name', 42],
    ['name', 'nul\u0000byte'],
    ['newest', 'yesterday'],
    ['newest', '2026-02-30T00:00:00.000Z'],
    ['newest', 1700000000],
    ['relevance', 'abc'],
    ['relevance', 1e300],
  ] as const)('refuses a tampered %s cursor whose key is %p', (order, key) => {
    const cursor = Buffer.from(JSON.stringify({ o: order, k: key, i: id })).toString('base64url');
    expect(() => decodeCursor(cursor, order)).toThrow(/cursor/);
  });

  it('refuses a ranked cursor on a query without search text, which lists newest first', () => {
    const ranked = encodeCursor('relevance', { key: 0.5, id });
    expect(() => decodeCursor(ranked, 'relevance', 'newest')).toThrow(/cursor/);
  });

  it('refuses a named cursor on a ranked query, and a ranked one on a one-letter query', () => {
    const byName = encodeCursor('relevance', { key: 'Amber Lamp', id });
    expect(() => decodeCursor(byName, 'relevance', 'rank')).toThrow(/cursor/);
    const ranked = encodeCursor('relevance', { key: 0.5, id });
    expect(() => decodeCursor(ranked, 'relevance', 'name')).toThrow(/cursor/);
  });
});
