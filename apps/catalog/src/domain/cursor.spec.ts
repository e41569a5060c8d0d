import { AppError } from '@portside/service-kit';
import { decodeCursor, encodeCursor } from './cursor';

const id = '3f5bf85c-641c-4e23-a8f3-30c8ec76cc49';

describe('cursors', () => {
  it('round-trips a position for the same order', () => {
    for (const key of [0.99811226, 1299, 'Brass Lamp', '2026-10-31T02:42:17.351Z']) {
      expect(decodeCursor(encodeCursor('price', { key, id }), 'price')).toEqual({ key, id });
    }
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
});
