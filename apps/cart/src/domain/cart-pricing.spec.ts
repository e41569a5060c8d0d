import { priceCart } from './cart-pricing';
import type { CatalogProduct } from './catalog-gateway';

const product = (id: string, priceCents: number, stock = 10): CatalogProduct => ({
  id,
  slug: `p-${id}`,
  name: `Product ${id}`,
  imageUrl: `/img/${id}.svg`,
  priceCents,
  stock,
});

describe('priceCart', () => {
  it('multiplies each unit price by its quantity and sums the lines', () => {
    const priced = priceCart(
      new Map([
        ['a', 3],
        ['b', 1],
      ]),
      [product('a', 1999), product('b', 250)],
    );
    expect(priced.lines.map((l) => l.lineTotalCents)).toEqual([5997, 250]);
    expect(priced.subtotalCents).toBe(6247);
    expect(priced.itemCount).toBe(4);
  });

  it('prices an empty cart at zero', () => {
    expect(priceCart(new Map(), [])).toEqual({
      lines: [],
      itemCount: 0,
      subtotalCents: 0,
      missingProductIds: [],
    });
  });

  it('keeps the order of the stored lines, whatever order the catalog answers in', () => {
    const priced = priceCart(
      new Map([
        ['b', 1],
        ['a', 1],
      ]),
      [product('a', 1), product('b', 1)],
    );
    expect(priced.lines.map((l) => l.productId)).toEqual(['b', 'a']);
  });

  it('leaves out and reports lines whose product the catalog no longer has', () => {
    const priced = priceCart(
      new Map([
        ['a', 2],
        ['gone', 5],
      ]),
      [product('a', 100)],
    );
    expect(priced.lines.map((l) => l.productId)).toEqual(['a']);
    expect(priced.missingProductIds).toEqual(['gone']);
    expect(priced.subtotalCents).toBe(200);
    expect(priced.itemCount).toBe(2);
  });

  it('shows the live stock on each line, even below the quantity held', () => {
    const [line] = priceCart(new Map([['a', 4]]), [product('a', 100, 1)]).lines;
    expect(line).toMatchObject({ quantity: 4, stock: 1 });
  });
});
