import {
  currentCursor,
  effectiveSort,
  nextPage,
  parseSearchState,
  previousPage,
  priceRangeError,
  toSearchParams,
  withFilters,
} from './searchParams';

describe('search state in the URL', () => {
  it('reads filters, dollars as cents, and the cursor stack', () => {
    const state = parseSearchState(
      new URLSearchParams('q=mug&category=kitchen&min=10&max=25.5&sort=-price&after=a&after=b'),
    );
    expect(state).toEqual({
      q: 'mug',
      category: 'kitchen',
      minPrice: 1000,
      maxPrice: 2550,
      sort: '-price',
      cursors: ['a', 'b'],
    });
    expect(currentCursor(state)).toBe('b');
  });

  it('writes back exactly what it read', () => {
    const url = 'q=mug&category=kitchen&min=10&max=25.5&sort=-price&after=a&after=b';
    expect(toSearchParams(parseSearchState(new URLSearchParams(url))).toString()).toBe(url);
  });

  it('ignores values a hand-edited URL may carry that the API would refuse', () => {
    const state = parseSearchState(new URLSearchParams('q=%20&min=abc&max=-3&sort=random'));
    expect(state).toEqual({
      q: undefined,
      category: undefined,
      minPrice: undefined,
      maxPrice: undefined,
      sort: undefined,
      cursors: [],
    });
  });

  it('turns pages forward and back through the cursor stack', () => {
    const first = parseSearchState(new URLSearchParams('q=mug'));
    const third = nextPage(nextPage(first, 'c1'), 'c2');
    expect(toSearchParams(third).toString()).toBe('q=mug&after=c1&after=c2');
    expect(currentCursor(previousPage(third))).toBe('c1');
    expect(currentCursor(previousPage(previousPage(third)))).toBeUndefined();
  });

  it('starts from the first page when a filter changes', () => {
    const paged = parseSearchState(new URLSearchParams('q=mug&after=c1'));
    expect(withFilters(paged, { category: 'kitchen' })).toMatchObject({
      q: 'mug',
      category: 'kitchen',
      cursors: [],
    });
  });

  it('sorts by relevance only when there is a query', () => {
    expect(effectiveSort({ q: 'mug' })).toBe('relevance');
    expect(effectiveSort({})).toBe('newest');
    expect(effectiveSort({ sort: 'price' })).toBe('price');
  });

  it('refuses an upside-down price range', () => {
    expect(priceRangeError(2000, 1000)).toMatch(/minimum/);
    expect(priceRangeError(1000, 2000)).toBeUndefined();
    expect(priceRangeError(undefined, 2000)).toBeUndefined();
  });
});
