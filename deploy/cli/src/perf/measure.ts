import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CommandContext } from '../core/context';
import { EnvironmentError } from '../core/errors';
import { runPlanOnce } from './autocannon-runner';
import { statsFromK6 } from './k6-summary';
import { loadLoadtests, type LoadPlan } from './load-plan';
import { thisMachine } from './machine';
import { ResultsStore } from './results-store';
import type { RunSummary } from './run-summary';

export interface MeasureOptions {
  profile: string;
  runs: number;
  baseUrl: string;
  release?: string;
  /** autocannon runner: override the profile's connections and seconds (short runs in CI). */
  connections?: number;
  durationSeconds?: number;
}

export interface Measured {
  runner: 'autocannon' | 'k6';
  /** Said in the output: which generator ran and why. */
  runnerNote: string;
  runs: RunSummary[];
  slo: LoadPlan['slo'];
  resultsFile: string;
}

/**
 * Runs a profile N times against baseUrl and keeps each run's summary beside the release.
 * k6 when it is installed (what users run); otherwise the autocannon runner the benchmarks use.
 */
export async function measureRuns(options: MeasureOptions, ctx: CommandContext): Promise<Measured> {
  const loadtests = await loadLoadtests(ctx.root, options.profile);
  const store = ResultsStore.beside(ctx.ledger);
  const k6 = ctx.env.PORTSIDE_RUNNER === 'autocannon' ? undefined : loadtests.findK6?.();
  const plan = await loadtests.autocannonPlan(options.profile, options.baseUrl);
  if (options.durationSeconds) plan.durationSeconds = options.durationSeconds;
  const runnerNote = k6
    ? `runner: k6 (${k6})`
    : 'runner: autocannon (k6 is not installed here; the same profile runs on the autocannon runner)';
  ctx.reporter.progress(runnerNote);

  const runs: RunSummary[] = [];
  let resultsFile = store.fileFor(options.release, options.profile);
  for (let i = 1; i <= options.runs; i++) {
    ctx.reporter.progress(
      `run ${i}/${options.runs} of "${options.profile}" against ${options.baseUrl}`,
    );
    const run = k6
      ? await k6Run(loadtests, options, ctx)
      : await runPlanOnce(plan, { ...options, connections: options.connections });
    resultsFile = await store.append(options.release, options.profile, run);
    ctx.reporter.progress(
      `  ${run.overall.requests} requests, ${run.overall.throughput.toFixed(1)}/s, p95 ${run.overall.p95Ms.toFixed(1)} ms, errors ${(run.overall.errorRate * 100).toFixed(2)} %, generator CPU ${run.generatorCpu === null ? 'n/a' : `${(run.generatorCpu * 100).toFixed(0)} %`}`,
    );
    runs.push(run);
  }
  return { runner: k6 ? 'k6' : 'autocannon', runnerNote, runs, slo: plan.slo, resultsFile };
}

async function k6Run(
  loadtests: Awaited<ReturnType<typeof loadLoadtests>>,
  options: MeasureOptions,
  ctx: CommandContext,
): Promise<RunSummary> {
  const summaryDir = path.join(os.tmpdir(), `portside-k6-${process.pid}`);
  const startedAt = new Date().toISOString();
  const result = await loadtests.runK6({
    profile: options.profile,
    baseUrl: options.baseUrl,
    summaryDir,
    onProgress: (event) => ctx.reporter.progress(loadtests.formatProgress(event)),
  });
  if (result.outcome === 'error' || !existsSync(result.summaryJson))
    throw new EnvironmentError(
      `k6 could not run the "${options.profile}" profile (exit ${result.exitCode})`,
      'install k6, or set PORTSIDE_RUNNER=autocannon',
    );
  const stats = statsFromK6(JSON.parse(await readFile(result.summaryJson, 'utf8')));
  return {
    profile: options.profile,
    release: options.release,
    runner: 'k6',
    baseUrl: options.baseUrl,
    startedAt,
    durationSeconds: stats.seconds,
    concurrency: 0,
    machine: thisMachine(),
    generatorCpu: null,
    journeys: stats.journeys,
    overall: stats.overall,
  };
}
