import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { isProfile, type Profile } from './profiles';

/** The k6 scripts: mounted read-only into the container as /scripts. */
export const K6_DIR = resolve(__dirname, '..', 'k6');

/** The official image, pinned; K6_IMAGE overrides it (a mirror, a newer release). */
export const DEFAULT_K6_IMAGE = 'grafana/k6:1.7.0';

export type K6Command = { file: string; args: string[] };

export type K6CommandOptions = {
  profile: Profile;
  baseUrl: string;
  /** Absolute directory that receives k6-summary-<profile>.json and .txt. */
  summaryDir: string;
  /** Extra k6 variables (__ENV): LOAD_FACTOR, SOAK_DURATION, THINK_TIME_FACTOR. */
  env?: Record<string, string>;
} & ({ runner: 'local'; k6Path: string } | { runner: 'docker'; image?: string; user?: string });

/** The k6 binary on PATH, or undefined. */
export function findK6(pathEnv: string | undefined = process.env['PATH']): string | undefined {
  for (const dir of (pathEnv ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, 'k6');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function envFlags(vars: Record<string, string>): string[] {
  return Object.entries(vars).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
}

/**
 * The command line that runs a profile: the local k6, or the grafana/k6 image with the
 * scripts mounted read-only and the summary directory writable by the caller's user.
 * Host networking lets a container reach a stack published on 127.0.0.1.
 */
export function buildK6Command(options: K6CommandOptions): K6Command {
  if (!isProfile(options.profile)) throw new Error(`unknown load profile "${options.profile}"`);
  if (!isAbsolute(options.summaryDir))
    throw new Error(`summaryDir must be absolute: ${options.summaryDir}`);
  const baseUrl = new URL(options.baseUrl).toString().replace(/\/+$/, '');
  const k6Args = (scriptsDir: string, summaryDir: string) => [
    'run',
    '--no-color',
    ...envFlags({ ...options.env, BASE_URL: baseUrl, SUMMARY_DIR: summaryDir }),
    `${scriptsDir}/profiles/${options.profile}.ts`,
  ];

  if (options.runner === 'local')
    return { file: options.k6Path, args: k6Args(K6_DIR, options.summaryDir) };
  return {
    file: 'docker',
    args: [
      'run',
      '--rm',
      '-i',
      '--network',
      'host',
      ...(options.user ? ['--user', options.user] : []),
      '-v',
      `${K6_DIR}:/scripts:ro`,
      '-v',
      `${options.summaryDir}:/summary`,
      options.image ?? DEFAULT_K6_IMAGE,
      ...k6Args('/scripts', '/summary'),
    ],
  };
}

/** A shell-ready rendering, for logs and for people to copy. */
export function renderCommand(cmd: K6Command): string {
  const quote = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);
  return [cmd.file, ...cmd.args].map(quote).join(' ');
}
