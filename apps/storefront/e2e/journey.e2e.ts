import type { Product, ProductPage } from '@portside/contracts';
import type { Browser, Page } from 'playwright-core';
import { baseUrl, DESKTOP, launchBrowser, PHONE, screenshot } from './browser';
import {
  addToCart,
  cartLines,
  cartLink,
  cents,
  DECLINED_CARD,
  fillCheckout,
  readCart,
  results,
  resultNames,
  search,
  searchBox,
  subtotal,
  SUCCESS_CARD,
} from './shop';

/**
 * The shopper's journey through a running stack: search, filter, product,
 * cart, checkout, confirmation, order; and a declined card. Run with
 * E2E_BASE_URL set (npm run e2e -w apps/storefront).
 */
const base = baseUrl();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Uncaught errors in any page of the test: a journey that passes with a crashing script does not pass. */
let pageErrors: string[] = [];
afterEach(() => {
  expect(pageErrors).toEqual([]);
  pageErrors = [];
});

/** A fresh shopper: new storage, so a new cart. */
async function newShopper(viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, baseURL: base });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return page;
}

/** Products in stock through the public API, to pick test data without assuming a seed. */
async function productsInStock(page: Page, query = ''): Promise<Product[]> {
  const answer = await page.request.get(`/api/products?limit=24${query}`);
  expect(answer.ok()).toBe(true);
  const { items } = (await answer.json()) as ProductPage;
  return items.filter((p) => p.stock >= 5);
}

describe('a shopper', () => {
  it('searches, filters, adds two products, changes a quantity, checks out and opens the order', async () => {
    const page = await newShopper();

    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Welcome to Portside' }).waitFor();
    const featured = page.getByRole('list', { name: 'Featured products' });
    await featured.waitFor();
    await screenshot(page, '01-home');

    // Search for a word of a product the shop shows on its home page.
    const featuredName = (await featured.getByRole('link').first().textContent()) ?? '';
    const word = featuredName.trim().split(/\s+/).pop() ?? '';
    await search(page, word);
    expect(new URL(page.url()).searchParams.get('q')).toBe(word);
    await screenshot(page, '02-search');

    // Filter by the category of the first match and a price floor; both land in the URL.
    const [match] = await productsInStock(page, `&q=${encodeURIComponent(word)}&sort=relevance`);
    expect(match).toBeDefined();
    const category = match!.category;
    await page.getByLabel('Category').selectOption(category.slug);
    await page.waitForURL((url) => url.searchParams.get('category') === category.slug);
    await page.getByLabel('Minimum price').fill('1');
    await page.getByRole('button', { name: 'Apply price' }).click();
    await page.waitForURL((url) => url.searchParams.get('min') === '1');
    await results(page).waitFor();
    const filteredUrl = page.url();
    const found = await results(page).getByRole('link').count();
    expect(found).toBeGreaterThan(0);
    await screenshot(page, '03-filtered');

    // Open the first product and add it.
    const firstLink = results(page).getByRole('link').first();
    const firstName = ((await firstLink.textContent()) ?? '').trim();
    await firstLink.click();
    await page.getByRole('heading', { level: 1, name: firstName }).waitFor();
    await screenshot(page, '04-product');
    await addToCart(page);
    await cartLink(page, 1).waitFor();

    // Back to the same filtered results (the URL kept them), then a second product.
    await page.goBack();
    await results(page).waitFor();
    expect(page.url()).toBe(filteredUrl);
    let secondName: string;
    if (found > 1) {
      const secondLink = results(page).getByRole('link').nth(1);
      secondName = ((await secondLink.textContent()) ?? '').trim();
      await secondLink.click();
    } else {
      const other = (await productsInStock(page)).find((p) => p.name !== firstName)!;
      secondName = other.name;
      await page.goto(`/products/${other.slug}`);
    }
    await page.getByRole('heading', { level: 1, name: secondName }).waitFor();
    await addToCart(page);

    // The cart: two lines; one more of the first moves the count and the subtotal at once.
    await cartLink(page, 2).click();
    await cartLines(page).waitFor();
    expect(await cartLines(page).getByRole('listitem').count()).toBe(2);
    const before = cents(await subtotal(page).textContent());
    const firstUnit = cents(
      await cartLines(page)
        .getByRole('listitem')
        .filter({ hasText: firstName })
        .getByText(/each$/)
        .textContent(),
    );
    await page.getByRole('button', { name: `Increase quantity of ${firstName}` }).click();
    await cartLink(page, 3).waitFor();
    expect(
      await page.getByRole('spinbutton', { name: `Quantity of ${firstName}` }).inputValue(),
    ).toBe('2');
    expect(cents(await subtotal(page).textContent())).toBe(before + firstUnit);
    await screenshot(page, '05-cart');

    // Checkout with the card that succeeds.
    await page.getByRole('link', { name: 'Check out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Checkout' }).waitFor();
    await fillCheckout(page, SUCCESS_CARD);
    await screenshot(page, '06-checkout');
    // An impatient double click still sends one order.
    const orderPosts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/orders') {
        orderPosts.push(r.headers()['idempotency-key'] ?? '');
      }
    });
    await page.getByRole('button', { name: 'Place order' }).dblclick();

    await page.getByRole('heading', { level: 1, name: 'Thank you for your order' }).waitFor();
    await cartLink(page, 0).waitFor();
    expect(orderPosts).toHaveLength(1);
    expect(orderPosts[0]).toMatch(/^co_[0-9a-f]{32}$/);
    expect(new URL(page.url()).hash).toMatch(/^#token=/);
    await screenshot(page, '07-confirmation');

    // The order page, reached through the link with its access token.
    await page.getByRole('link', { name: 'View your order' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your order' }).waitFor();
    const items = page.getByRole('table', { name: 'Items ordered' });
    await items.waitFor();
    await page.getByText('Confirmed', { exact: true }).waitFor();
    expect(
      await items
        .getByRole('row')
        .filter({ hasText: firstName })
        .getByRole('cell')
        .nth(1)
        .textContent(),
    ).toBe('2');
    expect(
      await items
        .getByRole('row')
        .filter({ hasText: secondName })
        .getByRole('cell')
        .nth(1)
        .textContent(),
    ).toBe('1');
    await screenshot(page, '08-order');

    // The same link opened afresh (as from an email) still shows the order.
    const orderUrl = page.url();
    const reader = await newShopper(PHONE);
    await reader.goto(orderUrl);
    await reader.getByRole('table', { name: 'Items ordered' }).waitFor();
    await screenshot(reader, '09-order-phone');
    await reader.context().close();
    await page.context().close();
  });

  it('types the start of a name and opens a suggestion with the keyboard alone', async () => {
    const page = await newShopper();
    await page.goto('/');
    const featured = page.getByRole('list', { name: 'Featured products' });
    await featured.waitFor();
    // The second word of a featured product's name: a product line, not a category.
    const name = ((await featured.getByRole('link').first().textContent()) ?? '').trim();
    const word = name.split(/\s+/)[1] ?? name;
    const typed = word.slice(0, Math.max(3, word.length - 2)).toLowerCase();

    const box = searchBox(page);
    await box.focus();
    await page.keyboard.type(typed, { delay: 40 });
    const list = page.getByRole('listbox', { name: 'Suggestions' });
    await list.waitFor();
    await box.and(page.locator('[aria-expanded="true"]')).waitFor();
    const options = list.getByRole('option');
    const selected = page.locator('[aria-selected="true"]');
    const count = await options.count();
    expect(count).toBeGreaterThan(0);
    await page
      .getByRole('status')
      .filter({ hasText: `${count} ${count === 1 ? 'suggestion' : 'suggestions'}` })
      .waitFor();
    // Every suggestion marks what was typed.
    for (const mark of await list.locator('mark').allTextContents()) {
      expect(mark.toLowerCase()).toBe(typed);
    }
    await screenshot(page, '10-suggestions');

    // Down selects the first, Up from the first wraps to the last, Down wraps back.
    await box.press('ArrowDown');
    const first = options.first();
    await first.and(selected).waitFor();
    expect(await box.getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
    await box.press('ArrowUp');
    await options.last().and(selected).waitFor();
    await box.press('ArrowDown');
    await first.and(selected).waitFor();

    // Escape closes the list and keeps the text; a second Escape clears it.
    await box.press('Escape');
    await box.and(page.locator('[aria-expanded="false"]')).waitFor();
    expect(await box.inputValue()).toBe(typed);
    await box.press('Escape');
    expect(await box.inputValue()).toBe('');

    // Type again, choose the first suggestion and open it with Enter.
    await page.keyboard.type(typed, { delay: 40 });
    await list.waitFor();
    await box.press('ArrowDown');
    await first.and(selected).waitFor();
    const label = ((await first.textContent()) ?? '').trim();
    await box.press('Enter');
    await page.getByRole('heading', { level: 1, name: label }).waitFor();
    expect(new URL(page.url()).pathname).toMatch(/^\/products\//);
    await page.context().close();
  });

  it('pages through the catalogue and back, with the page in the URL for reload and history', async () => {
    const page = await newShopper();
    await page.goto('/search?sort=price');
    const firstPage = await resultNames(page);

    await page.getByRole('button', { name: 'Next page' }).click();
    await page.waitForURL((url) => url.searchParams.getAll('after').length === 1);
    await page.getByText('Page 2', { exact: true }).waitFor();
    const secondPage = await resultNames(page);
    expect(secondPage).toHaveLength(firstPage.length);
    expect(secondPage).not.toEqual(firstPage);

    await page.reload();
    await page.getByText('Page 2', { exact: true }).waitFor();
    expect(await resultNames(page)).toEqual(secondPage);
    expect(await page.getByLabel('Sort by').inputValue()).toBe('price');

    await page.goBack();
    await page.getByText('Page 1', { exact: true }).waitFor();
    expect(await resultNames(page)).toEqual(firstPage);
    await page.context().close();
  });

  it('sees a declined card explained, with the cart left as it was', async () => {
    const page = await newShopper(PHONE);
    const [product] = await productsInStock(page, '&sort=price');
    expect(product).toBeDefined();

    await page.goto(`/products/${product!.slug}`);
    await page.getByRole('heading', { level: 1, name: product!.name }).waitFor();
    await addToCart(page, 2);
    await cartLink(page, 2).click();
    const cartBefore = await readCart(page);
    expect(cartBefore.lines).toEqual([`2 x ${product!.name}`]);
    await screenshot(page, '10-cart-phone');

    await page.getByRole('link', { name: 'Check out' }).click();
    await fillCheckout(page, DECLINED_CARD);
    await page.getByRole('button', { name: 'Place order' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Your card was declined' });
    await alert.waitFor();
    expect(await alert.textContent()).toBe(
      'Your card was declined. Nothing was charged: try another card.',
    );
    expect(await page.getByRole('button', { name: 'Place order' }).isEnabled()).toBe(true);
    await screenshot(page, '11-declined-phone');

    // The cart, read again from the server after a reload, is untouched.
    await page.goto('/cart');
    expect(await readCart(page)).toEqual(cartBefore);
    await cartLink(page, 2).waitFor();
    await page.context().close();
  });
});
