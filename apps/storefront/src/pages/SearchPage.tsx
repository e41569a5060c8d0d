import { useMemo, useRef } from 'react';
import type { ProductFacets } from '@portside/contracts';
import { Link } from 'react-router';
import { fetchCategories, searchProducts } from '../api/catalog';
import { flattenCategories } from '../catalog/categories';
import { FilterForm } from '../catalog/FilterForm';
import {
  currentCursor,
  effectiveSort,
  nextPage,
  previousPage,
  toSearchParams,
  type SearchState,
} from '../catalog/searchParams';
import { useSearchState } from '../catalog/useSearchState';
import { ProductGrid } from '../components/ProductCard';
import { Empty, ErrorMessage, Loading } from '../components/Status';
import { useLoad } from '../hooks/useLoad';
import { useTitle } from '../hooks/useTitle';

export const PAGE_SIZE = 12;

export function SearchPage() {
  const [state, setState] = useSearchState();
  const key = toSearchParams(state).toString();

  const categories = useLoad((signal) => fetchCategories(signal), []);
  const flat = useMemo(
    () => (categories.data ? flattenCategories(categories.data.items) : []),
    [categories.data],
  );
  const results = useLoad(
    (signal) =>
      searchProducts(
        { ...state, sort: effectiveSort(state), cursor: currentCursor(state), limit: PAGE_SIZE },
        signal,
      ),
    [key],
  );

  // The counts of the last answer stay while the next loads, so the panel does not jump.
  const facets = useRef<ProductFacets | undefined>(undefined);
  if (results.status === 'ready') facets.current = results.data.facets;

  const categoryName = flat.find((c) => c.slug === state.category)?.name;
  const heading = state.q ? `Results for “${state.q}”` : (categoryName ?? 'All products');
  useTitle(heading);

  const go = (next: SearchState) => {
    setState(next);
    window.scrollTo({ top: 0 });
  };
  const pageNumber = state.cursors.length + 1;

  return (
    <div className="search">
      <h1>{heading}</h1>
      <aside className="search__filters">
        <FilterForm state={state} categories={flat} facets={facets.current} onChange={go} />
      </aside>
      <section
        className="search__results"
        aria-labelledby="results-heading"
        aria-busy={results.status === 'loading'}
      >
        <h2 id="results-heading" className="visually-hidden">
          Products
        </h2>
        {results.status === 'loading' && <Loading label="Searching…" />}
        {results.status === 'ready' && results.data.didYouMean && (
          <p className="did-you-mean">
            Did you mean{' '}
            <Link
              to={`/search?${toSearchParams({ ...state, q: results.data.didYouMean, cursors: [] })}`}
            >
              {results.data.didYouMean}
            </Link>
            ?
          </p>
        )}
        {results.status === 'error' && (
          <ErrorMessage error={results.error} onRetry={results.retry} />
        )}
        {results.status === 'ready' && results.data.items.length === 0 && (
          <Empty>
            <p>No products match these filters.</p>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => go({ cursors: [] })}
            >
              Show all products
            </button>
          </Empty>
        )}
        {results.status === 'ready' && results.data.items.length > 0 && (
          <ProductGrid products={results.data.items} label="Search results" />
        )}
        <nav className="pager" aria-label="Pages">
          <button
            type="button"
            className="button button--secondary"
            disabled={state.cursors.length === 0}
            onClick={() => go(previousPage(state))}
          >
            Previous page
          </button>
          <span aria-live="polite">Page {pageNumber}</span>
          <button
            type="button"
            className="button button--secondary"
            disabled={results.status !== 'ready' || !results.data.nextCursor}
            onClick={() => results.data?.nextCursor && go(nextPage(state, results.data.nextCursor))}
          >
            Next page
          </button>
        </nav>
      </section>
    </div>
  );
}
