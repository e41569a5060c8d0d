import {
  availability,
  capacityAtSlo,
  fitUsl,
  littlesLaw,
  replicasFor,
  uslThroughput,
  type LittleCheck,
  type LoadStep,
  type UslFit,
} from '@portside/perf-models';
import type { ComposeOptions } from '../../compose/project';
import type { CommandContext } from '../../core/context';
import { UsageError } from '../../core/errors';
import { runPlanOnce } from '../../perf/autocannon-runner';
import { loadPlan } from '../../perf/load-plan';
import { saveCapacity } from '../../perf/capacity-store';
import { ResultsStore } from '../../perf/results-store';
import { loadtestTarget } from '../loadtest';
import { singleJourneyPlan } from './stepped-plan';
import { nextStepToCheck } from './self-check';

export interface CapacityOptions extends ComposeOptions {
  profile: string;
  /** One journey (one service's traffic) instead of the whole mix. */
  journey?: string;
  target?: string;
  url?: string;
  /** Concurrency of each step, e.g. [1, 2, 4, 8, 16, 32]. */
  steps?: number[];
  stepSeconds?: number;
  /** Runs per step; the one with the median throughput counts (a noisy machine). */
  stepRuns?: number;
  /** Replicas that served the test (per-replica capacity divides by it). */
  replicas?: number;
  /** Requests per second the deployment must carry. */
  targetRate?: number;
  maxUtilisation?: number;
  replicaAvailability?: number;
  /** The p95 objective in ms; default the SLO of the journeys loaded. */
  sloP95?: number;
}

export interface CapacityStep extends LoadStep {
  meanMs: number;
  little: LittleCheck;
}

export interface CapacityReport {
  profile: string;
  scope: string;
  baseUrl: string;
  release?: string;
  runner: string;
  time: string;
  steps: CapacityStep[];
  fit: UslFit;
  slo: { p95Ms: number; maxErrorRate: number };
  perReplicaCapacity?: number;
  replicas: number;
  sizing?: { targetRate: number; maxUtilisation: number; replicasNeeded: number };
  availability: { perReplica: number; replicas: number; availability: number }[];
  selfCheck: { concurrency: number; predicted: number; measured: number; error: number };
}

/**
 * Stepped load (closed model: concurrency in steps), a Universal Scalability Law fit of
 * throughput against concurrency, Little's law per step, per-replica capacity at the latency
 * SLO, replicas for a target rate with headroom, the availability of N replicas, and a check
 * of the model: one more step at a concurrency it did not measure, predicted against measured.
 */
export async function capacity(
  options: CapacityOptions,
  ctx: CommandContext,
): Promise<CapacityReport> {
  const steps = options.steps ?? [1, 2, 4, 8, 16, 32];
  if (steps.length < 3) throw new UsageError('--steps needs at least three concurrency levels');
  const { baseUrl, release } = await loadtestTarget(options, ctx);
  const { plan: full } = await loadPlan(ctx.root, options.profile, baseUrl);
  const plan = singleJourneyPlan(full, options.journey, options.stepSeconds ?? 10);
  const scope = options.journey ?? 'stack';
  const objectives = options.journey ? [full.slo[options.journey]] : Object.values(full.slo);
  const slo = {
    p95Ms: options.sloP95 ?? Math.min(...objectives.map((o) => o?.p95Ms ?? Infinity)),
    maxErrorRate: Math.min(...objectives.map((o) => o?.maxErrorRate ?? 0.01)),
  };
  ctx.reporter.progress(
    'runner: autocannon (closed-model steps; k6 arrival-rate profiles are for SLO runs, not for a USL fit)',
  );

  const measureAt = async (concurrency: number): Promise<CapacityStep> => {
    const repeats = options.stepRuns ?? 1;
    ctx.reporter.progress(
      `${scope}: ${concurrency} concurrent for ${plan.durationSeconds} s${repeats > 1 ? ` × ${repeats}` : ''}`,
    );
    const runs = [];
    for (let i = 0; i < repeats; i++)
      runs.push(
        await runPlanOnce(plan, {
          profile: options.profile,
          baseUrl,
          release: release?.id,
          connections: concurrency,
        }),
      );
    runs.sort((a, b) => a.overall.throughput - b.overall.throughput);
    const run = runs[Math.floor(runs.length / 2)]!;
    const o = run.overall;
    const step = {
      concurrency: run.concurrency,
      throughput: o.throughput,
      p95Ms: o.p95Ms,
      meanMs: o.meanMs,
      errorRate: o.errorRate,
      little: littlesLaw(run.concurrency, o.throughput, o.meanMs),
    };
    ctx.reporter.progress(
      `  ${o.throughput.toFixed(1)}/s, mean ${o.meanMs.toFixed(1)} ms, p95 ${o.p95Ms.toFixed(1)} ms, errors ${(o.errorRate * 100).toFixed(2)} %`,
    );
    return step;
  };

  const measured: CapacityStep[] = [];
  for (const concurrency of steps) measured.push(await measureAt(concurrency));
  const fit = fitUsl(
    measured.map((s) => ({ concurrency: s.concurrency, throughput: s.throughput })),
  );

  const check = nextStepToCheck(fit, steps);
  const predicted = uslThroughput(fit, check);
  const checked = await measureAt(check);

  const replicas = options.replicas ?? 1;
  const perReplicaCapacity = capacityAtSlo(measured, slo, replicas);
  const perReplica = options.replicaAvailability ?? 0.99;
  const sizing =
    options.targetRate && perReplicaCapacity
      ? {
          targetRate: options.targetRate,
          maxUtilisation: options.maxUtilisation ?? 0.7,
          replicasNeeded: replicasFor(
            options.targetRate,
            perReplicaCapacity,
            options.maxUtilisation ?? 0.7,
          ),
        }
      : undefined;
  const counts = [
    ...new Set([1, 2, 3, sizing?.replicasNeeded ?? 0, (sizing?.replicasNeeded ?? 0) + 1]),
  ]
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  const report: CapacityReport = {
    profile: options.profile,
    scope,
    baseUrl,
    release: release?.id,
    runner: 'autocannon',
    time: new Date().toISOString(),
    steps: measured,
    fit,
    slo,
    perReplicaCapacity,
    replicas,
    sizing,
    availability: counts.map((n) => ({
      perReplica,
      replicas: n,
      availability: availability(n, perReplica),
    })),
    selfCheck: {
      concurrency: checked.concurrency,
      predicted,
      measured: checked.throughput,
      error: (checked.throughput - predicted) / predicted,
    },
  };
  await saveCapacity(ResultsStore.beside(ctx.ledger), report);
  return report;
}

export { formatCapacity } from './format';
