import type { Ledger } from '../core/ledger';
import { UsageError } from '../core/errors';
import type { Release } from './record';
import type { TargetStore } from './target-store';

/** What a verification concluded; extra fields (figures, a report's path) are kept as given. */
export type VerdictInput = { passed: boolean; profile?: string; summary?: string } & Record<
  string,
  unknown
>;

/**
 * Records what a verification concluded about a release, on the target (and in the local cache),
 * so `portside releases` shows it from any machine. For `deploy --verify <profile>`.
 */
export async function recordVerdict(
  store: TargetStore,
  ledger: Ledger,
  releaseId: string,
  verdict: VerdictInput,
): Promise<Release> {
  const release = (await store.list()).find((entry) => entry.id === releaseId);
  if (!release) throw new UsageError(`no release "${releaseId}" on ${store.where}`);
  const updated: Release = {
    ...release,
    verdict: { ...verdict, recordedAt: new Date().toISOString() },
  };
  await store.save(updated);
  await ledger.remember([updated]);
  return updated;
}
