import { CheckoutRequest, ProductSearchQuery, SetCartItem } from './index';

describe('ProductSearchQuery', () => {
  it('refuses control characters in q, naming q', () => {
    for (const q of ['\u0000', 'pen\u0000', '\u001b[2J', 'a\u007f']) {
      const r = ProductSearchQuery.safeParse({ q });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(['q']);
    }
    expect(ProductSearchQuery.parse({ q: ' Crème brûlée ' }).q).toBe('Crème brûlée');
  });

  it('reads inStock as a flag', () => {
    expect(ProductSearchQuery.parse({ inStock: 'true' }).inStock).toBe(true);
    expect(ProductSearchQuery.parse({ inStock: 'false' }).inStock).toBe(false);
    expect(ProductSearchQuery.safeParse({ inStock: 'yes' }).success).toBe(false);
  });

  it('coerces numbers from the query string and applies the default page size', () => {
    const q = ProductSearchQuery.parse({ minPrice: '100', maxPrice: '500' });
    expect(q).toMatchObject({ minPrice: 100, maxPrice: 500, limit: 24 });
  });

  it('caps the page size', () => {
    expect(ProductSearchQuery.safeParse({ limit: '1000' }).success).toBe(false);
  });

  it('rejects a price range that is upside down, naming maxPrice', () => {
    const r = ProductSearchQuery.safeParse({ minPrice: '500', maxPrice: '100' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['maxPrice']);
  });

  it('rejects unknown keys', () => {
    expect(ProductSearchQuery.safeParse({ colour: 'red' }).success).toBe(false);
  });

  it('rejects an unknown sort', () => {
    expect(ProductSearchQuery.safeParse({ sort: 'random' }).success).toBe(false);
  });
});

describe('SetCartItem', () => {
  it('accepts zero (removes the line) and rejects negative or fractional quantities', () => {
    expect(SetCartItem.safeParse({ quantity: 0 }).success).toBe(true);
    expect(SetCartItem.safeParse({ quantity: -1 }).success).toBe(false);
    expect(SetCartItem.safeParse({ quantity: 1.5 }).success).toBe(false);
    expect(SetCartItem.safeParse({ quantity: 100 }).success).toBe(false);
  });
});

describe('CheckoutRequest', () => {
  const valid = {
    cartId: 'a'.repeat(32),
    email: 'ada@example.com',
    shippingAddress: {
      name: 'Ada',
      line1: '1 Main St',
      city: 'Springfield',
      postalCode: '12345',
      country: 'us',
    },
    payment: { cardNumber: '4242 4242 4242 4242', expMonth: 12, expYear: 2030, cvc: '123' },
  };

  it('normalises the card number and country', () => {
    const r = CheckoutRequest.parse(valid);
    expect(r.payment.cardNumber).toBe('4242424242424242');
    expect(r.shippingAddress.country).toBe('US');
  });

  it('names the field of a bad email', () => {
    const r = CheckoutRequest.safeParse({ ...valid, email: 'nope' });
    expect(r.error?.issues[0]?.path).toEqual(['email']);
  });
});
