import { compareRuns } from '@portside/perf-models';
import { median } from './median';
import type { JourneySlo, RunSummary, TrafficStats } from './run-summary';

export interface Check {
  name: string;
  passed: boolean;
  detail: string;
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const pct = (v: number) => `${(v * 100).toFixed(2)} %`;

/** Each journey's SLO against the median of the runs (one unlucky run does not fail a release). */
export function sloChecks(runs: RunSummary[], slo: Record<string, JourneySlo>): Check[] {
  const checks: Check[] = [];
  for (const [journey, objective] of Object.entries(slo)) {
    const stats = runs.map((r) => r.journeys[journey]).filter((s): s is TrafficStats => !!s);
    if (stats.length === 0) continue;
    const p95 = median(stats.map((s) => s.p95Ms));
    const p99 = median(stats.map((s) => s.p99Ms));
    const errors = median(stats.map((s) => s.errorRate));
    checks.push(
      {
        name: `slo ${journey} p95`,
        passed: p95 < objective.p95Ms,
        detail: `${ms(p95)} against < ${objective.p95Ms} ms`,
      },
      {
        name: `slo ${journey} p99`,
        passed: p99 < objective.p99Ms,
        detail: `${ms(p99)} against < ${objective.p99Ms} ms`,
      },
      {
        name: `slo ${journey} errors`,
        passed: errors < objective.maxErrorRate,
        detail: `${pct(errors)} against < ${pct(objective.maxErrorRate)}`,
      },
    );
  }
  return checks;
}

export interface RegressionPolicy {
  /** A change smaller than this (0.1 = 10 %) is never a regression, however significant. */
  margin: number;
  alpha: number;
}

/**
 * Against the previous release's runs, per journey and overall: p95 latency up, or throughput
 * down, by more than the margin AND significant by Mann-Whitney U across runs; errors up by
 * more than the margin (relative, at least 1 % of requests). Both conditions, so neither noise
 * nor trivia rolls a release back.
 */
export function regressionChecks(
  baseline: RunSummary[],
  candidate: RunSummary[],
  policy: RegressionPolicy,
): Check[] {
  const journeys = [...new Set(candidate.flatMap((r) => Object.keys(r.journeys))), 'overall'];
  const checks: Check[] = [];
  for (const journey of journeys) {
    const pick = (runs: RunSummary[]) =>
      runs
        .map((r) => (journey === 'overall' ? r.overall : r.journeys[journey]))
        .filter((s): s is TrafficStats => !!s);
    const before = pick(baseline);
    const after = pick(candidate);
    if (before.length === 0 || after.length === 0) continue;
    const latency = compareRuns(
      before.map((s) => s.p95Ms),
      after.map((s) => s.p95Ms),
      policy.alpha,
    );
    const throughput = compareRuns(
      before.map((s) => s.throughput),
      after.map((s) => s.throughput),
      policy.alpha,
    );
    const errorsBefore = median(before.map((s) => s.errorRate));
    const errorsAfter = median(after.map((s) => s.errorRate));
    checks.push(
      {
        name: `regression ${journey} p95`,
        passed: !(latency.significant && latency.change > policy.margin),
        detail: describe(latency, ms),
      },
      {
        name: `regression ${journey} throughput`,
        passed: !(throughput.significant && throughput.change < -policy.margin),
        detail: describe(throughput, (v) => `${v.toFixed(1)}/s`),
      },
      {
        name: `regression ${journey} errors`,
        passed: errorsAfter - errorsBefore <= policy.margin * Math.max(errorsBefore, 0.01),
        detail: `${pct(errorsBefore)} -> ${pct(errorsAfter)}`,
      },
    );
  }
  return checks;
}

function describe(c: ReturnType<typeof compareRuns>, unit: (v: number) => string): string {
  return `${unit(c.before)} -> ${unit(c.after)} (${signed(c.change)}, p=${c.p.toFixed(3)}${c.note ? `; ${c.note}` : ''})`;
}

export function signed(change: number): string {
  if (!Number.isFinite(change)) return '+inf';
  return `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%`;
}
