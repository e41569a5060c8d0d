import type { Ledger } from '../../core/ledger';
import type { ResultsStore } from '../../perf/results-store';

/** Release ids that have load test results, oldest first (ledger order). */
export async function releasesWithResults(store: ResultsStore, ledger: Ledger): Promise<string[]> {
  const { releases } = await ledger.read();
  const ids: string[] = [];
  for (const release of releases)
    if ((await store.profiles(release.id)).length > 0) ids.push(release.id);
  return ids;
}
