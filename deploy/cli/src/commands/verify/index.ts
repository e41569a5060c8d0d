import type { CommandContext } from '../../core/context';
import { VerificationFailedError } from '../../core/errors';
import type { Release } from '../../core/ledger';
import { recordVerdict as recordVerdictOnTarget } from '../../releases/verdict';
import type { ReleaseRecorder } from '../../releases/recorder';
import type { TargetStore } from '../../releases/target-store';
import { regressionChecks, sloChecks, type Check } from '../../perf/judge';
import { thisMachine } from '../../perf/machine';
import { measureRuns } from '../../perf/measure';
import { ResultsStore } from '../../perf/results-store';
import { recordVerdict, type Verdict } from '../../perf/verdicts';
import { loadtestTarget } from '../loadtest';
import { rollOut, type DeployOptions } from '../deploy';
import { findBaseline } from './baseline';

export interface VerifyOptions {
  profile: string;
  /** Runs of the profile against the new release (compared run by run with the baseline's). */
  runs?: number;
  /** A regression is a significant change worse than this share (0.1 = 10 %). */
  margin?: number;
  alpha?: number;
  /** autocannon runner: connections and seconds per run instead of the profile's. */
  connections?: number;
  duration?: number;
  /** k8s: the address the ingress answers on. */
  url?: string;
}

/** What the deploy that is being verified holds: the target's history, its lock's recorder. */
export interface HeldTarget {
  store: TargetStore;
  recorder: ReleaseRecorder;
  rolloutOptions: Omit<DeployOptions, 'images' | 'rollbackOf' | 'verify'>;
}

/**
 * The analysis step after a rollout: run the profile against the new release, judge it against
 * the SLOs and against the previous release's runs on this machine, and roll back through the
 * ordinary rolling path when it fails, still holding the deploy's lock. The verdict goes to the
 * target's release record; its evidence to perf/verdicts.json.
 */
export async function verifyRelease(
  release: Release,
  options: VerifyOptions,
  { store: target, recorder, rolloutOptions }: HeldTarget,
  ctx: CommandContext,
): Promise<Verdict> {
  const store = ResultsStore.beside(ctx.ledger);
  const { baseUrl } = await loadtestTarget(
    { ...rolloutOptions, target: release.target, url: options.url },
    ctx,
  );
  ctx.reporter.progress(`verifying ${release.id} with the "${options.profile}" profile`);
  const measured = await measureRuns(
    {
      profile: options.profile,
      runs: options.runs ?? 5,
      baseUrl,
      release: release.id,
      connections: options.connections,
      durationSeconds: options.duration,
    },
    ctx,
  );
  const releases = await target.list();
  const previous = releases
    .filter((r) => r.target === release.target && r.outcome === 'succeeded' && r.id !== release.id)
    .at(-1);
  const baseline = await findBaseline(store, releases, release, options.profile, thisMachine());

  const checks: Check[] = [...sloChecks(measured.runs, measured.slo)];
  if (baseline)
    checks.push(
      ...regressionChecks(baseline.runs, measured.runs, {
        margin: options.margin ?? 0.1,
        alpha: options.alpha ?? 0.05,
      }),
    );
  else
    checks.push({
      name: 'baseline',
      passed: true,
      detail: 'no earlier release has runs of this profile on this machine: judged on SLOs only',
    });
  const failed = checks.filter((c) => !c.passed);
  for (const check of checks)
    ctx.reporter.progress(`${check.passed ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);

  const verdict: Verdict = {
    release: release.id,
    profile: options.profile,
    target: release.target,
    time: new Date().toISOString(),
    passed: failed.length === 0,
    baseline: baseline?.release,
    reasons: failed.map((c) => `${c.name}: ${c.detail}`),
    checks,
  };
  const onTarget = { passed: verdict.passed, profile: verdict.profile, baseline: verdict.baseline };
  if (verdict.passed) {
    await recordVerdict(store, verdict);
    await recordVerdictOnTarget(target, ctx.ledger, release.id, onTarget);
    return verdict;
  }

  await recorder.finish(release, 'failed', `verification failed: ${verdict.reasons.join('; ')}`);
  if (previous) {
    ctx.reporter.progress(`verification failed: rolling ${release.target} back to ${previous.id}`);
    await rollOut(
      {
        ...rolloutOptions,
        target: release.target,
        images: previous.services,
        rollbackOf: previous.id,
      },
      ctx,
      recorder,
    );
    verdict.rolledBackTo = previous.id;
  }
  await recordVerdict(store, verdict);
  await recordVerdictOnTarget(target, ctx.ledger, release.id, {
    ...onTarget,
    reasons: verdict.reasons,
    rolledBackTo: verdict.rolledBackTo,
  });
  throw new VerificationFailedError(
    `${release.id} failed verification (${verdict.reasons.join('; ')})${previous ? `; rolled back to ${previous.id}` : '; nothing earlier to roll back to'}`,
    `the evidence is in ${store.dir}/verdicts.json and ${store.fileFor(release.id, options.profile)}`,
  );
}
