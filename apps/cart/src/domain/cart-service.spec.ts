import { MAX_CART_LINES } from '@portside/contracts';
import { AppError } from '@portside/service-kit';
import { CartService } from './cart-service';
import { FakeCatalogGateway } from './testing/fake-catalog-gateway';
import { InMemoryCartStore } from './testing/in-memory-cart-store';

function setup(maxLines = MAX_CART_LINES) {
  const store = new InMemoryCartStore();
  const catalog = new FakeCatalogGateway();
  const carts = new CartService({ store, catalog, maxLines });
  return { store, catalog, carts };
}

async function expectAppError(promise: Promise<unknown>, kind: AppError['kind'], code?: string) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).kind).toBe(kind);
  if (code) expect((err as AppError).code).toBe(code);
  return err as AppError;
}

describe('CartService quantity rules', () => {
  it('sets a line to the quantity asked for', async () => {
    const { carts, catalog, store } = setup();
    const product = catalog.add({ stock: 5 });
    const { id } = await carts.create();
    await carts.setQuantity(id, product.id, 3);
    await carts.setQuantity(id, product.id, 5);
    expect(store.quantitiesOf(id)?.get(product.id)).toBe(5);
  });

  it('refuses more than is in stock, saying how many are available', async () => {
    const { carts, catalog, store } = setup();
    const product = catalog.add({ stock: 2 });
    const { id } = await carts.create();
    const err = await expectAppError(
      carts.setQuantity(id, product.id, 3),
      'conflict',
      'insufficient_stock',
    );
    expect(err.extensions).toEqual({ productId: product.id, available: 2 });
    expect(store.quantitiesOf(id)?.size).toBe(0);
  });

  it('accepts exactly the stock there is', async () => {
    const { carts, catalog } = setup();
    const product = catalog.add({ stock: 2 });
    const { id } = await carts.create();
    await expect(carts.setQuantity(id, product.id, 2)).resolves.toBeUndefined();
  });

  it('removes the line on quantity 0 without asking the catalog', async () => {
    const { carts, catalog, store } = setup();
    const product = catalog.add();
    const { id } = await carts.create();
    await carts.setQuantity(id, product.id, 1);
    catalog.down = true;
    await carts.setQuantity(id, product.id, 0);
    expect(store.quantitiesOf(id)?.has(product.id)).toBe(false);
  });

  it('reads the raw lines for checkout without asking the catalog', async () => {
    const { carts, catalog } = setup();
    const product = catalog.add({ stock: 5 });
    const { id } = await carts.create();
    await carts.setQuantity(id, product.id, 3);
    catalog.down = true;
    expect(await carts.lines(id)).toEqual({ id, lines: [{ productId: product.id, quantity: 3 }] });
    await expectAppError(carts.lines('x'.repeat(24)), 'not_found');
  });

  it('refuses a product the catalog does not know', async () => {
    const { carts } = setup();
    const { id } = await carts.create();
    await expectAppError(
      carts.setQuantity(id, '00000000-0000-4000-8000-000000000000', 1),
      'not_found',
    );
  });

  it('refuses a new line beyond the line limit but still changes existing lines', async () => {
    const { carts, catalog } = setup(2);
    const [a, b, c] = [catalog.add(), catalog.add(), catalog.add()];
    const { id } = await carts.create();
    await carts.setQuantity(id, a.id, 1);
    await carts.setQuantity(id, b.id, 1);
    await expectAppError(carts.setQuantity(id, c.id, 1), 'conflict', 'cart_full');
    await expect(carts.setQuantity(id, a.id, 4)).resolves.toBeUndefined();
  });

  it('answers not found for an expired cart without calling the catalog', async () => {
    const { carts, catalog, store } = setup();
    const product = catalog.add();
    const { id } = await carts.create();
    store.expire(id);
    await expectAppError(carts.setQuantity(id, product.id, 1), 'not_found');
    expect(catalog.calls).toBe(0);
  });

  it('passes a catalog outage on as unavailable', async () => {
    const { carts, catalog } = setup();
    const product = catalog.add();
    const { id } = await carts.create();
    catalog.down = true;
    await expectAppError(carts.setQuantity(id, product.id, 1), 'unavailable');
  });
});

describe('CartService reads', () => {
  it('prices the cart with the catalog and reports when it expires', async () => {
    const { carts, catalog } = setup();
    const product = catalog.add({ priceCents: 450 });
    const { id } = await carts.create();
    await carts.setQuantity(id, product.id, 2);
    const cart = await carts.get(id);
    expect(cart).toMatchObject({ id, itemCount: 2, subtotalCents: 900, currency: 'USD' });
    expect(Date.parse(cart.expiresAt)).toBeGreaterThan(Date.now());
  });

  it('does not call the catalog for an empty cart', async () => {
    const { carts, catalog } = setup();
    const { id } = await carts.create();
    await carts.get(id);
    expect(catalog.calls).toBe(0);
  });

  it('forgets lines whose product left the catalog', async () => {
    const { carts, catalog, store } = setup();
    const product = catalog.add();
    const { id } = await carts.create();
    await carts.setQuantity(id, product.id, 1);
    catalog.products.delete(product.id);
    expect((await carts.get(id)).lines).toEqual([]);
    expect(store.quantitiesOf(id)?.size).toBe(0);
  });

  it('clears a cart, and clearing it again succeeds', async () => {
    const { carts } = setup();
    const { id } = await carts.create();
    await carts.clear(id);
    await expectAppError(carts.get(id), 'not_found');
    await expect(carts.clear(id)).resolves.toBeUndefined();
  });
});
