import { MAX_LINE_QUANTITY as CONTRACT_MAX } from '@portside/contracts';
import { cart, cartLine } from '../test/fixtures';
import {
  canCheckOut,
  cartFingerprint,
  MAX_LINE_QUANTITY,
  maxQuantity,
  stockNote,
  summarize,
  withQuantity,
} from './cartMath';

const mug = cartLine({
  productId: '00000000-0000-4000-8000-000000000001',
  unitPriceCents: 1250,
  quantity: 2,
});
const lamp = cartLine({
  productId: '00000000-0000-4000-8000-000000000002',
  name: 'Lamp',
  unitPriceCents: 4999,
  quantity: 1,
});

describe('cart arithmetic', () => {
  it('sums items and cents over the lines', () => {
    expect(summarize([mug, lamp])).toEqual({ itemCount: 3, subtotalCents: 2 * 1250 + 4999 });
  });

  it('shows a changed quantity at once, with the line total and subtotal recomputed', () => {
    const changed = withQuantity(cart([mug, lamp]), lamp.productId, 3);
    expect(changed.lines[1]).toMatchObject({ quantity: 3, lineTotalCents: 3 * 4999 });
    expect(changed).toMatchObject({ itemCount: 5, subtotalCents: 2 * 1250 + 3 * 4999 });
  });

  it('drops a line set to zero', () => {
    const changed = withQuantity(cart([mug, lamp]), mug.productId, 0);
    expect(changed.lines.map((l) => l.productId)).toEqual([lamp.productId]);
    expect(changed.subtotalCents).toBe(4999);
  });

  it('caps the quantity at the stock and at the per-line limit of the contract', () => {
    expect(MAX_LINE_QUANTITY).toBe(CONTRACT_MAX);
    expect(maxQuantity({ stock: 3 })).toBe(3);
    expect(maxQuantity({ stock: 5000 })).toBe(CONTRACT_MAX);
  });

  it('tells the shopper about low, short and missing stock', () => {
    expect(stockNote({ stock: 50, quantity: 1 })).toBeUndefined();
    expect(stockNote({ stock: 3, quantity: 1 })).toBe('Only 3 left.');
    expect(stockNote({ stock: 2, quantity: 4 })).toMatch(/Only 2 in stock/);
    expect(stockNote({ stock: 0, quantity: 1 })).toMatch(/Out of stock/);
  });

  it('allows checkout only when every line can be filled', () => {
    expect(canCheckOut(cart([mug]))).toBe(true);
    expect(canCheckOut(cart([{ ...mug, stock: 1 }]))).toBe(false);
    expect(canCheckOut(cart([]))).toBe(false);
  });

  it('fingerprints the contents regardless of line order', () => {
    expect(cartFingerprint(cart([mug, lamp]))).toBe(cartFingerprint(cart([lamp, mug])));
    expect(cartFingerprint(cart([mug, lamp]))).not.toBe(
      cartFingerprint(withQuantity(cart([mug, lamp]), mug.productId, 3)),
    );
  });
});
