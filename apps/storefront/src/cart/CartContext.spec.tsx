import { act, render, screen } from '@testing-library/react';
import { fakeCartApi } from '../test/fakeCartApi';
import { CartProvider, useCart, type CartContextValue } from './CartContext';
import { readCartId, saveCartId } from './cartIdStore';

const MUG = {
  productId: '00000000-0000-4000-8000-000000000001',
  slug: 'harbour-mug',
  name: 'Harbour mug',
  imageUrl: '/api/images/products/harbour-mug.svg',
  unitPriceCents: 1250,
  stock: 20,
};

/** Renders the provider and hands the test its value, as any page would use it. */
async function renderProvider(api: ReturnType<typeof fakeCartApi>['api']) {
  const seen: { current?: CartContextValue } = {};
  function Probe() {
    seen.current = useCart();
    return <p>{seen.current.status}</p>;
  }
  render(
    <CartProvider api={api}>
      <Probe />
    </CartProvider>,
  );
  await screen.findByText('ready');
  return () => seen.current!;
}

afterEach(() => localStorage.clear());

describe('the cart kept by the browser', () => {
  it('creates a cart on the first add and keeps its id in localStorage', async () => {
    const fake = fakeCartApi([MUG]);
    const cart = await renderProvider(fake.api);
    expect(cart().cart).toBeNull();

    await act(() => cart().addItem(MUG.productId, 2));
    const id = readCartId();
    expect(id).toBeTruthy();
    expect(cart().cart).toMatchObject({ id, itemCount: 2, subtotalCents: 2500 });
  });

  it('adds to the quantity already in the cart', async () => {
    const fake = fakeCartApi([MUG], { [MUG.productId]: 1 });
    saveCartId(fake.cartId);
    const cart = await renderProvider(fake.api);
    await act(() => cart().addItem(MUG.productId, 2));
    expect(fake.calls).toEqual([{ productId: MUG.productId, quantity: 3 }]);
  });

  it('forgets a stored cart that has expired and starts a new one on the next add', async () => {
    const fake = fakeCartApi([MUG]);
    saveCartId('e'.repeat(32));
    const cart = await renderProvider(fake.api);
    expect(cart().cart).toBeNull();
    expect(readCartId()).toBeNull();

    await act(() => cart().addItem(MUG.productId));
    expect(readCartId()).not.toBe('e'.repeat(32));
    expect(cart().cart?.itemCount).toBe(1);
  });

  it('carries the quantity shown into a new cart when the cart expired while the tab was open', async () => {
    const fake = fakeCartApi([MUG], { [MUG.productId]: 1 });
    saveCartId(fake.cartId);
    const cart = await renderProvider(fake.api);
    fake.expire();
    await act(() => cart().addItem(MUG.productId));
    expect(readCartId()).not.toBe(fake.cartId);
    expect(cart().cart).toMatchObject({ itemCount: 2 });
  });

  it('starts afresh after an order, leaving no cart id behind', async () => {
    const fake = fakeCartApi([MUG], { [MUG.productId]: 1 });
    saveCartId(fake.cartId);
    const cart = await renderProvider(fake.api);
    act(() => cart().forget());
    expect(cart().cart).toBeNull();
    expect(readCartId()).toBeNull();
  });
});
