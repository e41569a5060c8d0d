import { z } from 'zod';

/**
 * One release as the target keeps it (a Secret in the namespace, a labelled volume on the Docker
 * Engine) and as the local ledger caches it: what was deployed, by whom, when, how it ended.
 */
export const releaseService = z.object({ image: z.string(), digest: z.string() });

/** What a verification (`deploy --verify <profile>`) concluded about a release. */
export const verdict = z.looseObject({
  passed: z.boolean(),
  profile: z.string().optional(),
  summary: z.string().optional(),
  recordedAt: z.string(),
});

export const OUTCOMES = ['started', 'succeeded', 'failed', 'interrupted', 'abandoned'] as const;

export const release = z.object({
  id: z.string(),
  /** When it started. */
  time: z.string(),
  target: z.enum(['compose', 'k8s']),
  gitSha: z.string(),
  services: z.record(z.string(), releaseService),
  /**
   * started while it runs; interrupted when a signal stopped it (and what it changed was undone);
   * abandoned when its process died without finishing (found by the next holder of the lock).
   */
  outcome: z.enum(OUTCOMES),
  /** Why it failed, or what it rolled back to. */
  note: z.string().optional(),
  /** user@host (pid) that ran it. */
  by: z.string().optional(),
  finishedAt: z.string().optional(),
  /** sha256 of the rendered manifests (k8s) or of the compose file (compose). */
  manifestsHash: z.string().optional(),
  /** k8s: where it went. */
  context: z.string().optional(),
  namespace: z.string().optional(),
  /** compose: the project it went to. */
  project: z.string().optional(),
  rollbackOf: z.string().optional(),
  verdict: verdict.optional(),
});

export type Release = z.infer<typeof release>;
export type ReleaseService = z.infer<typeof releaseService>;
export type Verdict = z.infer<typeof verdict>;
export type Outcome = Release['outcome'];
export type Target = Release['target'];
/** What a deploy knows when it starts; the recorder adds id, time, by and outcome. */
export type NewRelease = Omit<Release, 'id' | 'time' | 'outcome' | 'by' | 'finishedAt'>;

const releaseNumber = (id: string) => Number(/^r(\d+)-/.exec(id)?.[1] ?? 0);

/** Numbered per target under its lock, so the numbers give the order whatever the machines' clocks say. */
export function nextReleaseId(releases: Release[], gitSha: string): string {
  const highest = Math.max(0, ...releases.map((entry) => releaseNumber(entry.id)));
  return `r${highest + 1}-${gitSha.slice(0, 7)}`;
}

/** Oldest first: by number, then by start time. */
export function byStart(a: Release, b: Release): number {
  return releaseNumber(a.id) - releaseNumber(b.id) || a.time.localeCompare(b.time);
}

/** The release running on a target now: the newest one that succeeded. */
export function currentRelease(releases: Release[], target: Target): Release | undefined {
  return releases
    .filter((entry) => entry.target === target && entry.outcome === 'succeeded')
    .at(-1);
}

/** The release before the current one on a target, or the named one. */
export function rollbackTarget(
  releases: Release[],
  target: Target,
  id?: string,
): Release | undefined {
  if (id) return releases.find((entry) => entry.id === id);
  const succeeded = releases.filter(
    (entry) => entry.target === target && entry.outcome === 'succeeded',
  );
  const current = succeeded.at(-1);
  return [...succeeded].reverse().find((entry) => !sameServices(entry, current));
}

function sameServices(a: Release, b: Release | undefined): boolean {
  if (!b) return false;
  const digests = (entry: Release) =>
    JSON.stringify(
      Object.entries(entry.services)
        .map(([name, s]) => [name, s.digest])
        .sort(),
    );
  return digests(a) === digests(b);
}
