import { useCallback, useEffect, useState, type DependencyList } from 'react';

export type Load<T> =
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'ready'; data: T; error?: undefined }
  | { status: 'error'; data?: undefined; error: unknown };

type Settled<T> = Exclude<Load<T>, { status: 'loading' }> & { forKey: string };

/**
 * Loads data for a view, aborting the request when the inputs change or the view
 * goes away, so a slow old answer never overwrites a newer one. An answer for
 * other inputs than the current ones reads as loading from the very first render.
 */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): Load<T> & { retry(): void } {
  const [settled, setSettled] = useState<Settled<T>>();
  const [attempt, setAttempt] = useState(0);
  const key = JSON.stringify([...deps, attempt]);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setSettled({ status: 'ready', data, forKey: key });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setSettled({ status: 'error', error, forKey: key });
      },
    );
    return () => controller.abort();
    // `key` stands for the caller's deps; `load` is a fresh closure on every render.
  }, [key]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  if (!settled || settled.forKey !== key) return { status: 'loading', retry };
  const { forKey: _forKey, ...state } = settled;
  return { ...(state as Load<T>), retry };
}
