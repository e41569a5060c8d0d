import type { Cart, CreatedCart } from '@portside/contracts';
import { check, group } from 'k6';
import { get, json, send } from '../lib/api.ts';
import type { CatalogData } from '../lib/catalog-data.ts';
import type { Journey } from '../lib/config.ts';
import { pick, think } from '../lib/think.ts';
import { openProduct } from './view-product.ts';

/** Product page, new cart, one line, then the cart page. Returns the cart id, or undefined when a step failed. */
export function fillCart(journey: Journey, data: CatalogData): string | undefined {
  const ref = pick(data.buyable);
  openProduct(journey, ref.slug);
  think(2, 5);

  const created = send('POST', journey, 'POST /api/carts', '/api/carts', undefined);
  const cartId = json<CreatedCart>(created)?.id;
  check(
    created,
    {
      [`${journey}: cart is created (201)`]: (r) => r.status === 201,
      [`${journey}: new cart has an id`]: () => typeof cartId === 'string',
    },
    { journey },
  );
  if (!cartId) return undefined;

  const quantity = 1 + Math.floor(Math.random() * 2);
  const put = send(
    'PUT',
    journey,
    'PUT /api/carts/:id/items/:productId',
    `/api/carts/${cartId}/items/${ref.id}`,
    {
      quantity,
    },
  );
  check(put, { [`${journey}: line is set (200)`]: (r) => r.status === 200 }, { journey });
  think(1, 2);

  const read = get(journey, 'GET /api/carts/:id', `/api/carts/${cartId}`);
  const cart = json<Cart>(read);
  check(
    read,
    {
      [`${journey}: cart answers 200`]: (r) => r.status === 200,
      [`${journey}: cart holds the line`]: () =>
        cart?.lines.some((l) => l.productId === ref.id && l.quantity === quantity) === true,
      [`${journey}: cart subtotal is priced`]: () => (cart?.subtotalCents ?? 0) > 0,
    },
    { journey },
  );
  return cartId;
}

/** A shopper who puts something in the cart and leaves: most carts are abandoned. */
export function addToCart(data: CatalogData): void {
  group('addToCart', () => {
    fillCart('addToCart', data);
    think(2, 6);
  });
}
