import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SuggestionList } from '@portside/contracts';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { SearchCombobox } from './SearchCombobox';

const where = { path: '' };
function Location() {
  const location = useLocation();
  where.path = `${location.pathname}${location.search}`;
  return null;
}

const answer = (query: string): SuggestionList => ({
  query,
  didYouMean: null,
  items: [
    {
      kind: 'category',
      slug: 'stationery',
      label: 'Stationery',
      highlight: [{ text: 'Stationery', match: false }],
    },
    {
      kind: 'product',
      slug: 'artisan-nimbus-fountain-pen',
      label: 'Artisan Nimbus Fountain Pen',
      highlight: [
        { text: 'Artisan Nimbus ', match: false },
        { text: 'Foun', match: true },
        { text: 'tain Pen', match: false },
      ],
    },
  ],
});

/** Answers suggestion requests; `hold` keeps them pending to see stale ones cancelled. */
function fakeApi({ hold = false } = {}) {
  const requests: Array<{ url: string; signal: AbortSignal }> = [];
  // jsdom has no fetch: the app's one way out is replaced for the test.
  globalThis.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    requests.push({ url, signal: init!.signal! });
    if (hold) return new Promise<Response>(() => undefined);
    const q = new URL(url, 'http://shop').searchParams.get('q') ?? '';
    const body = JSON.stringify(answer(q));
    return { ok: true, status: 200, text: async () => body } as Response;
  });
  return requests;
}

function renderBox() {
  render(
    <MemoryRouter initialEntries={['/']}>
      <Location />
      <Routes>
        <Route path="*" element={<SearchCombobox />} />
      </Routes>
    </MemoryRouter>,
  );
  return screen.getByRole('combobox', { name: 'Search products' });
}

const realFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = realFetch;
});

describe('the search combobox', () => {
  it('suggests as the shopper types, marks the match and announces the count', async () => {
    const requests = fakeApi();
    const box = renderBox();
    await userEvent.type(box, 'foun');
    const list = await screen.findByRole('listbox', { name: 'Suggestions' });
    expect(box.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getAllByRole('option')).toHaveLength(2);
    expect(list.querySelector('mark')?.textContent).toBe('Foun');
    expect(screen.getByRole('status').textContent).toContain('2 suggestions');
    // The list shown is for the whole text typed, whatever was asked on the way.
    const last = requests[requests.length - 1]!;
    expect(new URL(last.url, 'http://shop').searchParams.get('q')).toBe('foun');
  });

  it('moves through the suggestions with the arrows and opens the chosen one with Enter', async () => {
    fakeApi();
    const box = renderBox();
    await userEvent.type(box, 'foun');
    await screen.findByRole('listbox', { name: 'Suggestions' });
    const [category, product] = screen.getAllByRole('option');
    await userEvent.keyboard('{ArrowDown}');
    expect(box.getAttribute('aria-activedescendant')).toBe(category!.id);
    expect(category!.getAttribute('aria-selected')).toBe('true');
    await userEvent.keyboard('{ArrowDown}');
    expect(box.getAttribute('aria-activedescendant')).toBe(product!.id);
    await userEvent.keyboard('{ArrowDown}');
    expect(box.getAttribute('aria-activedescendant')).toBe(category!.id);
    await userEvent.keyboard('{ArrowUp}{Enter}');
    expect(where.path).toBe('/products/artisan-nimbus-fountain-pen');
  });

  it('searches for the text when Enter comes with no suggestion chosen', async () => {
    fakeApi();
    const box = renderBox();
    await userEvent.type(box, 'foun{Enter}');
    expect(where.path).toBe('/search?q=foun');
  });

  it('closes the list on Escape, then clears the text on a second Escape', async () => {
    fakeApi();
    const box = renderBox();
    await userEvent.type(box, 'foun');
    await screen.findByRole('listbox', { name: 'Suggestions' });
    await userEvent.keyboard('{Escape}');
    expect(box.getAttribute('aria-expanded')).toBe('false');
    expect((box as HTMLInputElement).value).toBe('foun');
    await userEvent.keyboard('{Escape}');
    expect((box as HTMLInputElement).value).toBe('');
  });

  it('cancels the request for older text when the shopper types on', async () => {
    const requests = fakeApi({ hold: true });
    const box = renderBox();
    await userEvent.type(box, 'fo');
    await waitFor(() => expect(requests).toHaveLength(1));
    await userEvent.type(box, 'u');
    await waitFor(() => expect(requests).toHaveLength(2));
    expect(requests[0]!.signal.aborted).toBe(true);
    expect(requests[1]!.signal.aborted).toBe(false);
  });
});
