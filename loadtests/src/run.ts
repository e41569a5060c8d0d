import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { buildK6Command, DEFAULT_K6_IMAGE, findK6, renderCommand, type K6Command } from './command';
import type { Profile } from './profiles';
import { summaryFileNames } from '../k6/lib/summary';
import { parseProgress, type K6ProgressEvent } from './progress';

export { formatProgress, type K6ProgressEvent } from './progress';

export type RunK6Options = {
  profile: Profile;
  /** The edge of the stack under test, e.g. http://127.0.0.1:8080. */
  baseUrl: string;
  /** Where k6-summary-<profile>.json and .txt go (created if absent), e.g. beside the release tested. */
  summaryDir: string;
  onProgress?: (event: K6ProgressEvent) => void;
  /** `auto` (default): k6 on PATH when there is one, else the grafana/k6 image through Docker. */
  runner?: 'auto' | 'local' | 'docker';
  /** Extra k6 variables: LOAD_FACTOR, SOAK_DURATION, THINK_TIME_FACTOR. */
  env?: Record<string, string>;
  /** A k6 binary to use instead of searching PATH. */
  k6Path?: string;
  /** Image for the Docker runner; defaults to K6_IMAGE or the pinned grafana/k6. */
  image?: string;
  signal?: AbortSignal;
};

/**
 * passed: every SLO held. slos-missed: k6 ran to the end but thresholds were crossed (exit 99).
 * aborted: setup found the target down, or a threshold stopped the run early (exit 108).
 * error: k6 could not run the script (or could not start).
 */
export type K6Outcome = 'passed' | 'slos-missed' | 'aborted' | 'error';

export type K6RunResult = {
  outcome: K6Outcome;
  exitCode: number;
  runner: 'local' | 'docker';
  command: K6Command;
  summaryJson: string;
  summaryText: string;
};

export function outcomeOf(exitCode: number): K6Outcome {
  if (exitCode === 0) return 'passed';
  if (exitCode === 99) return 'slos-missed';
  if (exitCode === 108) return 'aborted';
  return 'error';
}

/** Decides which k6 runs and the exact command, without running anything. */
export function planK6Run(options: Omit<RunK6Options, 'onProgress' | 'signal'>, pathEnv?: string) {
  const summaryDir = resolve(options.summaryDir);
  const local = options.runner === 'docker' ? undefined : (options.k6Path ?? findK6(pathEnv));
  if (options.runner === 'local' && !local)
    throw new Error('k6 is not on PATH: install it, or use the Docker runner');
  const base = { profile: options.profile, baseUrl: options.baseUrl, summaryDir, env: options.env };
  const command = local
    ? buildK6Command({ ...base, runner: 'local', k6Path: local })
    : buildK6Command({
        ...base,
        runner: 'docker',
        image: options.image ?? process.env['K6_IMAGE'] ?? DEFAULT_K6_IMAGE,
        user:
          typeof process.getuid === 'function'
            ? `${process.getuid()}:${process.getgid?.()}`
            : undefined,
      });
  return { runner: local ? ('local' as const) : ('docker' as const), command, summaryDir };
}

/** Runs one load profile with k6 against baseUrl, streaming progress, and says how it went. */
export async function runK6(options: RunK6Options): Promise<K6RunResult> {
  const { runner, command, summaryDir } = planK6Run(options);
  mkdirSync(summaryDir, { recursive: true });
  const emit = options.onProgress ?? (() => undefined);
  emit({ type: 'start', runner, command: renderCommand(command) });

  const exitCode = await new Promise<number>((done, fail) => {
    const child = spawn(command.file, command.args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: options.signal,
    });
    child.once('error', (err) =>
      fail(new Error(`could not start ${command.file}: ${err.message}`, { cause: err })),
    );
    for (const stream of ['stdout', 'stderr'] as const) {
      createInterface({ input: child[stream] }).on('line', (line) => {
        emit({ type: 'output', stream, line });
        const progress = parseProgress(line);
        if (progress) emit(progress);
      });
    }
    child.once('close', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });

  emit({ type: 'end', exitCode });
  return {
    outcome: outcomeOf(exitCode),
    exitCode,
    runner,
    command,
    summaryJson: join(summaryDir, summaryFileNames(options.profile).json),
    summaryText: join(summaryDir, summaryFileNames(options.profile).text),
  };
}
