import type { Page } from 'playwright-core';

/** What a shopper does and reads, expressed through roles and labels only. */

export const SUCCESS_CARD = '4242 4242 4242 4242';
export const DECLINED_CARD = '4000 0000 0000 0002';

export const results = (page: Page) => page.getByRole('list', { name: 'Search results' });
/** The names of the products listed, once the search has settled (never a page in between). */
export async function resultNames(page: Page): Promise<string[]> {
  await page
    .getByRole('region', { name: 'Products' })
    .and(page.locator('[aria-busy="false"]'))
    .waitFor();
  await results(page).waitFor();
  return results(page).getByRole('link').allTextContents();
}
export const cartLines = (page: Page) => page.getByRole('list', { name: 'Items in your cart' });
export const subtotal = (page: Page) =>
  page
    .getByRole('complementary', { name: 'Order summary' })
    .getByRole('status', { name: 'Subtotal' });
export const cartLink = (page: Page, items: number) =>
  page.getByRole('link', { name: `Cart, ${items} ${items === 1 ? 'item' : 'items'}` });

/** "$1,234.50" -> 123450 */
export function cents(text: string | null): number {
  return Math.round(Number((text ?? '').replace(/[^0-9.]/g, '')) * 100);
}

export const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Search products' });

export async function search(page: Page, query: string): Promise<void> {
  await searchBox(page).fill(query);
  await searchBox(page).press('Enter');
  await page.getByRole('heading', { level: 1, name: `Results for “${query}”` }).waitFor();
  await results(page).waitFor();
}

/** On a product page: add `quantity` and wait for the confirmation. */
export async function addToCart(page: Page, quantity = 1): Promise<void> {
  if (quantity !== 1) await page.getByLabel('Quantity', { exact: true }).fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Added ${quantity} to your cart.` })
    .waitFor();
}

/** The cart as the shopper sees it: each line's name and quantity, and the subtotal. */
export async function readCart(page: Page): Promise<{ lines: string[]; subtotalCents: number }> {
  await cartLines(page).waitFor();
  const lines: string[] = [];
  for (const item of await cartLines(page).getByRole('listitem').all()) {
    const name = await item.getByRole('link').first().textContent();
    const quantity = await item.getByRole('spinbutton').inputValue();
    lines.push(`${quantity} x ${name}`);
  }
  return { lines: lines.sort(), subtotalCents: cents(await subtotal(page).textContent()) };
}

export async function fillCheckout(page: Page, cardNumber: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Checkout' });
  await form.getByLabel('Email').fill('ada@example.com');
  await form.getByLabel('Full name').fill('Ada Lovelace');
  await form.getByLabel('Address', { exact: true }).fill('1 Harbour Road');
  await form.getByLabel('City').fill('Portsmouth');
  await form.getByLabel('Postal code').fill('12345');
  await form.getByLabel('Country').fill('US');
  await form.getByLabel('Card number').fill(cardNumber);
  await form.getByLabel('Expiry month').fill('12');
  await form.getByLabel('Expiry year').fill('34');
  await form.getByLabel('CVC').fill('123');
}
