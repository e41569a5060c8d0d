import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { findK6, formatProgress, isProfile, runK6, type Profile } from '@portside/loadtests';
import type { CommandContext } from '../core/context';
import { EnvironmentError } from '../core/errors';
import { runPlanOnce } from './autocannon-runner';
import { statsFromK6 } from './k6-summary';
import { loadPlan, type LoadPlan } from './load-plan';
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
  const { plan, file } = await loadPlan(ctx.root, options.profile, options.baseUrl);
  const store = ResultsStore.beside(ctx.ledger);
  const k6Profile = !file && isProfile(options.profile) ? options.profile : undefined;
  const k6 = k6Profile && ctx.env.PORTSIDE_RUNNER !== 'autocannon' ? findK6() : undefined;
  if (options.durationSeconds) plan.durationSeconds = options.durationSeconds;
  const runnerNote = k6
    ? `runner: k6 (${k6})`
    : file
      ? `runner: autocannon (the profile is the plan file ${path.relative(ctx.root, file)})`
      : 'runner: autocannon (k6 is not installed here; the same profile runs on the autocannon runner)';
  ctx.reporter.progress(runnerNote);

  const runs: RunSummary[] = [];
  let resultsFile = store.fileFor(options.release, options.profile);
  for (let i = 1; i <= options.runs; i++) {
    ctx.reporter.progress(
      `run ${i}/${options.runs} of "${options.profile}" against ${options.baseUrl}`,
    );
    const run =
      k6 && k6Profile
        ? await k6Run({ ...options, profile: k6Profile }, k6, ctx)
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
  options: MeasureOptions & { profile: Profile },
  k6Path: string,
  ctx: CommandContext,
): Promise<RunSummary> {
  const summaryDir = path.join(os.tmpdir(), `portside-k6-${process.pid}`);
  const startedAt = new Date().toISOString();
  const result = await runK6({
    k6Path,
    profile: options.profile,
    baseUrl: options.baseUrl,
    summaryDir,
    onProgress: (event) => ctx.reporter.progress(formatProgress(event)),
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
