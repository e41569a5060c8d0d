import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { CartProvider } from '../cart/CartContext';
import { saveCartId } from '../cart/cartIdStore';
import { fakeCartApi } from '../test/fakeCartApi';
import { CartPage } from './CartPage';

const MUG = {
  productId: '00000000-0000-4000-8000-000000000001',
  slug: 'harbour-mug',
  name: 'Harbour mug',
  imageUrl: '/api/images/products/harbour-mug.svg',
  unitPriceCents: 1250,
  stock: 20,
};
const LAMP = {
  ...MUG,
  productId: '00000000-0000-4000-8000-000000000002',
  slug: 'lamp',
  name: 'Deck lamp',
  unitPriceCents: 4999,
  stock: 3,
};

async function renderCart(initial: Record<string, number>) {
  const fake = fakeCartApi([MUG, LAMP], initial);
  saveCartId(fake.cartId);
  render(
    <MemoryRouter>
      <CartProvider api={fake.api}>
        <CartPage />
      </CartProvider>
    </MemoryRouter>,
  );
  await screen.findByRole('heading', { name: 'Your cart' });
  return fake;
}

const subtotal = () => screen.getByRole('status', { name: 'Subtotal' }).textContent;
const lineTotal = (name: string) => screen.getByLabelText(`Line total for ${name}`).textContent;

afterEach(() => localStorage.clear());

describe('the cart page', () => {
  it('shows each line total and the subtotal in dollars', async () => {
    await renderCart({ [MUG.productId]: 2, [LAMP.productId]: 1 });
    expect(lineTotal('Harbour mug')).toBe('$25.00');
    expect(lineTotal('Deck lamp')).toBe('$49.99');
    expect(subtotal()).toBe('$74.99');
  });

  it('recomputes the line total and subtotal when a quantity is typed', async () => {
    const fake = await renderCart({ [MUG.productId]: 2 });
    const qty = screen.getByLabelText('Quantity of Harbour mug');
    await userEvent.clear(qty);
    await userEvent.type(qty, '5{Enter}');
    expect(lineTotal('Harbour mug')).toBe('$62.50');
    expect(subtotal()).toBe('$62.50');
    expect(fake.calls).toEqual([{ productId: MUG.productId, quantity: 5 }]);
  });

  it('shows the stock limit and will not step beyond it', async () => {
    await renderCart({ [LAMP.productId]: 3 });
    expect(screen.getByText('Only 3 left.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Increase quantity of Deck lamp' })).toHaveProperty(
      'disabled',
      true,
    );
    const qty = screen.getByLabelText('Quantity of Deck lamp');
    await userEvent.clear(qty);
    await userEvent.type(qty, '9{Enter}');
    expect(qty).toHaveProperty('value', '3');
  });

  it('removes a line and shows the empty cart when nothing is left', async () => {
    await renderCart({ [MUG.productId]: 1 });
    await userEvent.click(screen.getByRole('button', { name: 'Remove Harbour mug' }));
    expect(await screen.findByText('Your cart is empty.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Start shopping' })).toBeTruthy();
  });

  it('explains a refused change and shows the cart as the server has it', async () => {
    const fake = await renderCart({ [MUG.productId]: 1 });
    fake.setStock(MUG.productId, 1);
    await userEvent.click(screen.getByRole('button', { name: 'Increase quantity of Harbour mug' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Only 1 of Harbour mug in stock. Choose a smaller quantity.',
    );
    expect(screen.getByLabelText('Quantity of Harbour mug')).toHaveProperty('value', '1');
    expect(subtotal()).toBe('$12.50');
    expect(fake.calls).toEqual([{ productId: MUG.productId, quantity: 2 }]);
  });

  it('offers checkout only when every line can be filled', async () => {
    await renderCart({ [MUG.productId]: 1 });
    const summary = screen.getByRole('complementary', { name: 'Order summary' });
    expect(within(summary).getByRole('link', { name: 'Check out' }).getAttribute('href')).toBe(
      '/checkout',
    );
  });
});
