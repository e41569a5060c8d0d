import { readFileSync } from 'node:fs';
import path from 'node:path';
import { run, runOrThrow, type RunOptions } from './run';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const composeFile = path.join(repoRoot, 'docker', 'compose.yaml');

/** The long-running services; each has a healthcheck. */
export const SERVICES = [
  'postgres',
  'redis',
  'catalog',
  'cart',
  'order',
  'storefront',
  'ingress',
] as const;
/** One-shot services that must finish with exit code 0 before the services start. */
export const ONE_SHOTS = ['postgres-roles', 'catalog-migrate', 'order-migrate'] as const;
/** The app images this repository builds. */
export const APPS = ['catalog', 'cart', 'order', 'storefront'] as const;

/** What global setup hands to the suites, through the environment. */
export interface StackInfo {
  project: string;
  baseUrl: string;
  env: NodeJS.ProcessEnv;
}

const INFO_VARIABLE = 'PORTSIDE_CONTAINER_TEST_STACK';

export function publishStack(info: StackInfo): void {
  process.env[INFO_VARIABLE] = JSON.stringify(info);
}

export function currentStack(): StackInfo {
  const raw = process.env[INFO_VARIABLE];
  if (!raw)
    throw new Error('the stack is not up: run these tests through jest.config.cjs (global setup)');
  return JSON.parse(raw) as StackInfo;
}

let composeCommand: Promise<string[]> | undefined;

/** `docker compose` (v2) when present, else `docker-compose` (v1). */
export function composeBinary(): Promise<string[]> {
  composeCommand ??= run('docker', ['compose', 'version']).then((result) =>
    result.code === 0 ? ['docker', 'compose'] : ['docker-compose'],
  );
  return composeCommand;
}

/** Runs a Compose subcommand against this stack. */
export async function compose(
  stack: Pick<StackInfo, 'project' | 'env'>,
  args: string[],
  options: RunOptions = {},
) {
  const [command, ...prefix] = await composeBinary();
  return runOrThrow(
    command as string,
    [...prefix, '-p', stack.project, '-f', composeFile, ...args],
    {
      cwd: repoRoot,
      env: stack.env,
      ...options,
    },
  );
}

/** The default image of a `${VARIABLE:-default}` in compose.yaml: one source of truth. */
export function composeDefault(variable: string): string {
  const text = readFileSync(composeFile, 'utf8');
  const match = new RegExp(`\\$\\{${variable}:-([^}]+)\\}`).exec(text);
  if (!match?.[1]) throw new Error(`compose.yaml has no default for ${variable}`);
  return match[1];
}
