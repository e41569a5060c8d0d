import { mergeLines } from './reservations';

describe('reservation lines', () => {
  it('merge the same product listed twice into one hold', () => {
    const id = '3f5bf85c-641c-4e23-a8f3-30c8ec76cc49';
    const other = '4f5bf85c-641c-4e23-a8f3-30c8ec76cc49';
    expect(
      mergeLines([
        { productId: id, quantity: 2 },
        { productId: other, quantity: 1 },
        { productId: id.toUpperCase(), quantity: 3 },
      ]),
    ).toEqual([
      { productId: id, quantity: 5 },
      { productId: other, quantity: 1 },
    ]);
  });
});
