import type { ProductSort } from '@portside/contracts';

/** Sort choices offered to the shopper, in the order shown. Typed against the contract's enum. */
export const SORT_OPTIONS = [
  { value: 'relevance', label: 'Best match' },
  { value: 'price', label: 'Price: low to high' },
  { value: '-price', label: 'Price: high to low' },
  { value: 'name', label: 'Name' },
  { value: 'newest', label: 'Newest' },
] as const satisfies readonly { value: ProductSort; label: string }[];

const SORTS = new Set<string>(SORT_OPTIONS.map((o) => o.value));

/** What the shopper chose. Prices are in cents, as the API wants them. */
export type ProductFilters = {
  q?: string;
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  /** Only products with stock to sell. */
  inStock?: boolean;
  sort?: ProductSort;
};

/**
 * The whole search state lives in the URL so links, reload and back/forward work.
 * `after` repeats once per page turned: the stack of cursors that led to this page,
 * so "previous" is just dropping the last one.
 */
export type SearchState = ProductFilters & { cursors: string[] };

/** Whole dollars in the URL (what the shopper typed), cents in the state. */
function dollarsToCents(raw: string | null): number | undefined {
  if (raw === null || raw.trim() === '') return undefined;
  const dollars = Number(raw);
  if (!Number.isFinite(dollars) || dollars < 0) return undefined;
  return Math.round(dollars * 100);
}

function centsToDollars(cents: number): string {
  return String(cents / 100);
}

export function parseSearchState(params: URLSearchParams): SearchState {
  const q = params.get('q')?.trim();
  const category = params.get('category')?.trim();
  const sort = params.get('sort');
  return {
    q: q || undefined,
    category: category || undefined,
    minPrice: dollarsToCents(params.get('min')),
    maxPrice: dollarsToCents(params.get('max')),
    inStock: params.get('stock') === 'in' || undefined,
    sort: sort && SORTS.has(sort) ? (sort as ProductSort) : undefined,
    cursors: params.getAll('after').filter(Boolean),
  };
}

export function toSearchParams(state: Partial<SearchState>): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set('q', state.q);
  if (state.category) params.set('category', state.category);
  if (state.minPrice !== undefined) params.set('min', centsToDollars(state.minPrice));
  if (state.maxPrice !== undefined) params.set('max', centsToDollars(state.maxPrice));
  if (state.inStock) params.set('stock', 'in');
  if (state.sort) params.set('sort', state.sort);
  for (const cursor of state.cursors ?? []) params.append('after', cursor);
  return params;
}

/** Any change of filter starts again from the first page. */
export function withFilters(state: SearchState, change: Partial<ProductFilters>): SearchState {
  return { ...state, ...change, cursors: [] };
}

export function nextPage(state: SearchState, nextCursor: string): SearchState {
  return { ...state, cursors: [...state.cursors, nextCursor] };
}

export function previousPage(state: SearchState): SearchState {
  return { ...state, cursors: state.cursors.slice(0, -1) };
}

export function currentCursor(state: SearchState): string | undefined {
  return state.cursors[state.cursors.length - 1];
}

/** A price range is valid when both ends are absent or ordered. */
export function priceRangeError(minPrice?: number, maxPrice?: number): string | undefined {
  if (minPrice !== undefined && maxPrice !== undefined && minPrice > maxPrice) {
    return 'The minimum price must not be above the maximum.';
  }
  return undefined;
}

/** Relevance only means something with a query; without one the newest come first. */
export function effectiveSort(state: ProductFilters): ProductSort {
  return state.sort ?? (state.q ? 'relevance' : 'newest');
}
