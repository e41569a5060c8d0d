import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  MemoryRouter,
  Route,
  Routes,
  useLocation,
  useNavigate,
  type NavigateFunction,
} from 'react-router';
import type { FlatCategory } from './categories';
import { FilterForm } from './FilterForm';
import { useSearchState } from './useSearchState';

const categories: FlatCategory[] = [
  { slug: 'kitchen', name: 'Kitchen', depth: 0, productCount: 12 },
  { slug: 'mugs', name: 'Mugs', depth: 1, productCount: 4 },
];

function SearchWithFilters() {
  const [state, go] = useSearchState();
  return <FilterForm state={state} categories={categories} onChange={go} />;
}

/** Exposes the router's location and navigate, as the address bar and back button would. */
const browser: { search: string; navigate?: NavigateFunction } = { search: '' };
function AddressBar() {
  browser.search = useLocation().search;
  browser.navigate = useNavigate();
  return null;
}

function renderAt(url: string) {
  render(
    <MemoryRouter initialEntries={[url]}>
      <AddressBar />
      <Routes>
        <Route path="/search" element={<SearchWithFilters />} />
      </Routes>
    </MemoryRouter>,
  );
  return {
    go: (to: string) => browser.navigate!(to),
    back: () => browser.navigate!(-1),
    search: () => browser.search,
  };
}

describe('search filters and the URL', () => {
  it('shows the filters the URL holds', () => {
    renderAt('/search?q=mug&category=mugs&min=5&max=20&sort=price');
    expect(screen.getByLabelText('Category')).toHaveProperty('value', 'mugs');
    expect(screen.getByLabelText('Minimum price')).toHaveProperty('value', '5');
    expect(screen.getByLabelText('Maximum price')).toHaveProperty('value', '20');
    expect(screen.getByLabelText('Sort by')).toHaveProperty('value', 'price');
  });

  it('writes a chosen category into the URL, keeps the query and goes back to page one', async () => {
    const { search } = renderAt('/search?q=mug&after=c1');
    await userEvent.selectOptions(screen.getByLabelText('Category'), 'kitchen');
    expect(search()).toBe('?q=mug&category=kitchen');
  });

  it('applies a price range in dollars and a sort', async () => {
    const { search } = renderAt('/search');
    await userEvent.type(screen.getByLabelText('Minimum price'), '10');
    await userEvent.type(screen.getByLabelText('Maximum price'), '49.99');
    await userEvent.click(screen.getByRole('button', { name: 'Apply price' }));
    await userEvent.selectOptions(screen.getByLabelText('Sort by'), '-price');
    expect(search()).toBe('?min=10&max=49.99&sort=-price');
  });

  it('refuses an upside-down price range with a message and leaves the URL alone', async () => {
    const { search } = renderAt('/search?q=mug');
    await userEvent.type(screen.getByLabelText('Minimum price'), '50');
    await userEvent.type(screen.getByLabelText('Maximum price'), '10');
    await userEvent.click(screen.getByRole('button', { name: 'Apply price' }));
    expect(screen.getByRole('alert').textContent).toMatch(
      /minimum price must not be above the maximum/,
    );
    expect(screen.getByLabelText('Minimum price').getAttribute('aria-invalid')).toBe('true');
    expect(search()).toBe('?q=mug');
  });

  it('follows the URL on back and forward', async () => {
    const { go, back } = renderAt('/search?min=10');
    act(() => void go('/search?min=30'));
    expect(screen.getByLabelText('Minimum price')).toHaveProperty('value', '30');
    act(() => void back());
    expect(screen.getByLabelText('Minimum price')).toHaveProperty('value', '10');
  });

  it('clears every filter but the query', async () => {
    const { search } = renderAt('/search?q=mug&category=kitchen&min=5&after=c1');
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(search()).toBe('?q=mug');
  });
});
