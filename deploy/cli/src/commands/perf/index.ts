import { bootstrapChange, compareRuns, type MetricComparison } from '@portside/perf-models';
import type { CommandContext } from '../../core/context';
import { UsageError } from '../../core/errors';
import { ResultsStore } from '../../perf/results-store';
import type { RunSummary, TrafficStats } from '../../perf/run-summary';
import { releasesWithResults } from './releases-with-results';

export interface PerfCompareOptions {
  /** Release ids; default the last two releases with results. */
  before?: string;
  after?: string;
  profile?: string;
  alpha?: number;
  /** Compare runs measured on different machines anyway (said in the output). */
  acrossMachines?: boolean;
}

const METRICS = [
  { key: 'throughput', label: 'req/s', higherIsBetter: true },
  { key: 'p50Ms', label: 'p50 ms', higherIsBetter: false },
  { key: 'p95Ms', label: 'p95 ms', higherIsBetter: false },
  { key: 'p99Ms', label: 'p99 ms', higherIsBetter: false },
  { key: 'errorRate', label: 'errors', higherIsBetter: false },
] as const satisfies readonly { key: keyof TrafficStats; label: string; higherIsBetter: boolean }[];

export interface ComparisonRow extends MetricComparison {
  journey: string;
  metric: (typeof METRICS)[number]['key'];
  /** Significant and in the bad direction. */
  worse: boolean;
  /** 95 % percentile-bootstrap interval of the relative change of the median. */
  interval: { low: number; high: number };
}

export interface PerfComparison {
  profile: string;
  before: { release: string; runs: number; machines: string[] };
  after: { release: string; runs: number; machines: string[] };
  alpha: number;
  runners: string[];
  machinesDiffer: boolean;
  rows: ComparisonRow[];
}

/** Two releases' runs of one profile side by side, per journey and overall, benchstat style. */
export async function perfCompare(
  options: PerfCompareOptions,
  ctx: CommandContext,
): Promise<PerfComparison> {
  const store = ResultsStore.beside(ctx.ledger);
  const withResults = await releasesWithResults(store, ctx.ledger);
  const after = options.after ?? withResults.filter((id) => id !== options.before).at(-1);
  const before = options.before ?? withResults.filter((id) => id !== after).at(-1);
  if (!before || !after)
    throw new UsageError(
      'perf compare needs two releases with load test results',
      'run `portside loadtest <profile> --runs 5` after each of two deploys',
    );
  const profile = options.profile ?? (await commonProfile(store, before, after));
  const runsBefore = await store.runs(before, profile);
  const runsAfter = await store.runs(after, profile);
  for (const [id, runs] of [
    [before, runsBefore],
    [after, runsAfter],
  ] as const)
    if (runs.length === 0)
      throw new UsageError(
        `release ${id} has no "${profile}" runs; releases with results: ${withResults.join(', ') || 'none'}`,
      );

  const machinesOf = (runs: RunSummary[]) => [...new Set(runs.map((r) => r.machine.fingerprint))];
  const machinesBefore = machinesOf(runsBefore);
  const machinesAfter = machinesOf(runsAfter);
  const machinesDiffer = new Set([...machinesBefore, ...machinesAfter]).size > 1;
  if (machinesDiffer && !options.acrossMachines)
    throw new UsageError(
      `the runs were measured on different machines (${[...new Set([...machinesBefore, ...machinesAfter])].join(' vs ')}): their figures are not comparable`,
      'measure both releases on one machine, or pass --across-machines to compare anyway',
    );

  const alpha = options.alpha ?? 0.05;
  const journeys = [
    ...new Set([...runsBefore, ...runsAfter].flatMap((r) => Object.keys(r.journeys))),
  ];
  const rows: ComparisonRow[] = [];
  for (const journey of [...journeys, 'overall']) {
    const pick = (runs: RunSummary[]) =>
      runs
        .map((r) => (journey === 'overall' ? r.overall : r.journeys[journey]))
        .filter((s): s is TrafficStats => !!s);
    const a = pick(runsBefore);
    const b = pick(runsAfter);
    if (a.length === 0 || b.length === 0) continue;
    for (const metric of METRICS) {
      const before = a.map((s) => s[metric.key]);
      const after = b.map((s) => s[metric.key]);
      const comparison = compareRuns(before, after, alpha);
      const { low, high } = bootstrapChange(before, after, { seed: 1 });
      const direction = metric.higherIsBetter ? -1 : 1;
      rows.push({
        journey,
        metric: metric.key,
        ...comparison,
        worse: comparison.significant && Math.sign(comparison.change) === direction,
        interval: { low, high },
      });
    }
  }
  return {
    profile,
    before: { release: before, runs: runsBefore.length, machines: machinesBefore },
    after: { release: after, runs: runsAfter.length, machines: machinesAfter },
    alpha,
    runners: [...new Set([...runsBefore, ...runsAfter].map((r) => r.runner))],
    machinesDiffer,
    rows,
  };
}

async function commonProfile(store: ResultsStore, a: string, b: string): Promise<string> {
  const inB = new Set(await store.profiles(b));
  const common = (await store.profiles(a)).filter((p) => inB.has(p));
  if (common.length === 0)
    throw new UsageError(`releases ${a} and ${b} have no load test profile in common`);
  if (common.length > 1)
    throw new UsageError(
      `releases ${a} and ${b} share several profiles (${common.join(', ')})`,
      'pick one with --profile',
    );
  return common[0]!;
}

export { formatComparison } from './format';
export { METRICS };
