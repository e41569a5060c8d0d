import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { parseSearchState, toSearchParams, type SearchState } from './searchParams';

/** The search state read from, and written to, the URL: each change is a history entry. */
export function useSearchState(): [SearchState, (next: SearchState) => void] {
  const [params, setParams] = useSearchParams();
  const state = useMemo(() => parseSearchState(params), [params]);
  const go = useCallback((next: SearchState) => setParams(toSearchParams(next)), [setParams]);
  return [state, go];
}
