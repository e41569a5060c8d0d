import { useEffect, useState } from 'react';
import type { SuggestionList } from '@portside/contracts';
import { fetchSuggestions } from '../api/catalog';

/** Wait this long after the last keystroke before asking: typing fast sends one request. */
export const SUGGEST_DEBOUNCE_MS = 150;

/**
 * Suggestions for the text, fetched once typing pauses. A newer text aborts
 * the request for the older one, so a slow stale answer never replaces a fresh one.
 */
export function useSuggestions(text: string): SuggestionList | undefined {
  const [answer, setAnswer] = useState<SuggestionList>();
  const q = text.trim();

  useEffect(() => {
    if (!q) {
      setAnswer(undefined);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetchSuggestions(q, controller.signal).then(
        (list) => {
          if (!controller.signal.aborted) setAnswer(list);
        },
        // Suggestions are a convenience: a failed one leaves the search box as it is.
        () => undefined,
      );
    }, SUGGEST_DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);

  return answer?.query === q ? answer : undefined;
}
