import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ProductFacets, ProductSort } from '@portside/contracts';
import { formatMoney } from '../format/money';
import type { FlatCategory } from './categories';
import {
  SORT_OPTIONS,
  effectiveSort,
  priceRangeError,
  withFilters,
  type SearchState,
} from './searchParams';

const centsToInput = (cents?: number) => (cents === undefined ? '' : String(cents / 100));

function inputToCents(text: string): number | undefined | 'invalid' {
  if (text.trim() === '') return undefined;
  const dollars = Number(text);
  return Number.isFinite(dollars) && dollars >= 0 ? Math.round(dollars * 100) : 'invalid';
}

type Props = {
  state: SearchState;
  categories: readonly FlatCategory[];
  /** Counts for the current query and filters; without them the catalogue's counts show. */
  facets?: ProductFacets;
  onChange(next: SearchState): void;
};

type Band = ProductFacets['priceBands'][number];

/** "$25 to $50", "Under $25", "$250 and up": bands are [min, max) in cents. */
export function bandLabel({ minPrice, maxPrice }: Band): string {
  if (maxPrice === null) return `${formatMoney(minPrice)} and up`;
  if (minPrice === 0) return `Under ${formatMoney(maxPrice)}`;
  return `${formatMoney(minPrice)} to ${formatMoney(maxPrice)}`;
}

/** The filter a band stands for: maxPrice is inclusive in the API, bands exclude their top. */
const bandFilter = ({ minPrice, maxPrice }: Band) => ({
  minPrice: minPrice === 0 ? undefined : minPrice,
  maxPrice: maxPrice === null ? undefined : maxPrice - 1,
});

/**
 * Category, price range, stock and sort. Selects, bands and the stock box apply
 * at once; a typed price range applies on submit. Counts follow the current query.
 */
export function FilterForm({ state, categories, facets, onChange }: Props) {
  const id = useId();
  const [min, setMin] = useState(centsToInput(state.minPrice));
  const [max, setMax] = useState(centsToInput(state.maxPrice));
  const [error, setError] = useState<string>();

  // Back/forward changes the URL under us: show what it says.
  useEffect(() => {
    setMin(centsToInput(state.minPrice));
    setMax(centsToInput(state.maxPrice));
    setError(undefined);
  }, [state.minPrice, state.maxPrice]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const minPrice = inputToCents(min);
    const maxPrice = inputToCents(max);
    if (minPrice === 'invalid' || maxPrice === 'invalid') {
      setError('Prices must be amounts in dollars, like 25 or 19.99.');
      return;
    }
    const rangeError = priceRangeError(minPrice, maxPrice);
    setError(rangeError);
    if (!rangeError) onChange(withFilters(state, { minPrice, maxPrice }));
  };

  const clear = () => onChange({ q: state.q, cursors: [] });
  const countOf = (slug: string, catalogueCount: number) =>
    facets ? (facets.categories.find((c) => c.slug === slug)?.count ?? 0) : catalogueCount;
  const isBand = (band: Band) => {
    const f = bandFilter(band);
    return state.minPrice === f.minPrice && state.maxPrice === f.maxPrice;
  };
  const errorId = `${id}-price-error`;

  return (
    <form className="filters" onSubmit={submit} aria-label="Filters">
      <div className="field">
        <label htmlFor={`${id}-category`}>Category</label>
        <select
          id={`${id}-category`}
          value={state.category ?? ''}
          onChange={(e) => onChange(withFilters(state, { category: e.target.value || undefined }))}
        >
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c.slug} value={c.slug}>
              {'\u00a0\u00a0'.repeat(c.depth)}
              {c.name} ({countOf(c.slug, c.productCount)})
            </option>
          ))}
        </select>
      </div>
      {facets && (
        <fieldset className="field">
          <legend>Price bands</legend>
          <ul className="facets" aria-label="Price bands">
            {facets.priceBands.map((band) => (
              <li key={band.minPrice}>
                <button
                  type="button"
                  aria-pressed={isBand(band)}
                  disabled={band.count === 0 && !isBand(band)}
                  onClick={() =>
                    onChange(
                      withFilters(
                        state,
                        isBand(band)
                          ? { minPrice: undefined, maxPrice: undefined }
                          : bandFilter(band),
                      ),
                    )
                  }
                >
                  {bandLabel(band)} ({band.count})
                </button>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <div className="field">
        <label>
          <input
            type="checkbox"
            checked={!!state.inStock}
            onChange={(e) =>
              onChange(withFilters(state, { inStock: e.target.checked || undefined }))
            }
          />{' '}
          In stock only{facets ? ` (${facets.inStock})` : ''}
        </label>
      </div>
      <fieldset className="field price-range">
        <legend>Price (USD)</legend>
        <label htmlFor={`${id}-min`}>Minimum price</label>
        <input
          id={`${id}-min`}
          inputMode="decimal"
          value={min}
          onChange={(e) => setMin(e.target.value)}
          aria-invalid={!!error}
          aria-describedby={error ? errorId : undefined}
          placeholder="0"
        />
        <label htmlFor={`${id}-max`}>Maximum price</label>
        <input
          id={`${id}-max`}
          inputMode="decimal"
          value={max}
          onChange={(e) => setMax(e.target.value)}
          aria-invalid={!!error}
          aria-describedby={error ? errorId : undefined}
          placeholder="Any"
        />
        {error && (
          <p id={errorId} className="field__error" role="alert">
            {error}
          </p>
        )}
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-sort`}>Sort by</label>
        <select
          id={`${id}-sort`}
          value={effectiveSort(state)}
          onChange={(e) => onChange(withFilters(state, { sort: e.target.value as ProductSort }))}
        >
          {SORT_OPTIONS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div className="filters__actions">
        <button type="submit" className="button">
          Apply price
        </button>
        <button type="button" className="button button--secondary" onClick={clear}>
          Clear filters
        </button>
      </div>
    </form>
  );
}
