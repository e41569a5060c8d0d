import type { Release } from '../../core/ledger';
import type { ResultsStore } from '../../perf/results-store';
import type { MachineInfo, RunSummary } from '../../perf/run-summary';

/**
 * The newest earlier release with runs of the profile measured on this machine. Runs from other
 * machines are left out: their figures do not compare.
 */
export async function findBaseline(
  store: ResultsStore,
  releases: Release[],
  release: Release,
  profile: string,
  machine: MachineInfo,
): Promise<{ release: string; runs: RunSummary[] } | undefined> {
  const earlier = releases.slice(
    0,
    releases.findIndex((r) => r.id === release.id),
  );
  for (const candidate of [...earlier].reverse()) {
    if (candidate.target !== release.target) continue;
    const runs = (await store.runs(candidate.id, profile)).filter(
      (run) => run.machine.fingerprint === machine.fingerprint,
    );
    if (runs.length > 0) return { release: candidate.id, runs };
  }
  return undefined;
}
