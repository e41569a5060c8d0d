import type { Cart, CartLine } from '@portside/contracts';

export function cartLine(overrides: Partial<CartLine> = {}): CartLine {
  const quantity = overrides.quantity ?? 1;
  const unitPriceCents = overrides.unitPriceCents ?? 1000;
  return {
    productId: '00000000-0000-4000-8000-000000000001',
    slug: 'harbour-mug',
    name: 'Harbour mug',
    imageUrl: '/api/images/products/harbour-mug.svg',
    stock: 10,
    ...overrides,
    quantity,
    unitPriceCents,
    lineTotalCents: quantity * unitPriceCents,
  };
}

export function cart(lines: CartLine[], id = 'c'.repeat(32)): Cart {
  return {
    id,
    lines,
    itemCount: lines.reduce((n, l) => n + l.quantity, 0),
    subtotalCents: lines.reduce((n, l) => n + l.lineTotalCents, 0),
    currency: 'USD',
    expiresAt: '2030-01-01T00:00:00.000Z',
  };
}
