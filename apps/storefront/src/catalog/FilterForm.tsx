import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ProductSort } from '@portside/contracts';
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
  onChange(next: SearchState): void;
};

/** Category, price range and sort. Selects apply at once; the price range applies on submit. */
export function FilterForm({ state, categories, onChange }: Props) {
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
              {c.name} ({c.productCount})
            </option>
          ))}
        </select>
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
