import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { composeProject, type ComposeOptions } from '../../compose/project';
import { COMPOSE_LABEL } from '../../compose/labels';
import type { CommandContext } from '../../core/context';
import { EnvironmentError, LoadtestFailedError, UsageError } from '../../core/errors';
import { currentRelease, type Target } from '../../core/ledger';

export interface LoadtestOptions extends ComposeOptions {
  profile: string;
  /** compose, k8s, or a base URL. */
  target?: string;
  /** k8s: the URL the cluster's ingress answers on. */
  url?: string;
}

/** What loadtests/src/run.ts offers (loaded from the repository at run time, like the manifests). */
interface LoadtestsRunner {
  PROFILES?: readonly string[];
  formatProgress(event: unknown): string;
  runK6(input: {
    profile: string;
    baseUrl: string;
    summaryDir: string;
    onProgress?: (event: unknown) => void;
  }): Promise<{ outcome: string; exitCode: number; summaryJson: string }>;
}

/** Runs a loadtests profile against what is deployed and keeps its summary beside that release. */
export async function loadtest(
  options: LoadtestOptions,
  ctx: CommandContext,
): Promise<{ baseUrl: string; release?: string; summaryFile: string; summary: unknown }> {
  const target = options.target ?? 'compose';
  const isUrl = /^https?:\/\//.test(target);
  if (!isUrl && target !== 'compose' && target !== 'k8s')
    throw new UsageError(`--target wants compose, k8s or a URL, got "${target}"`);
  const baseUrl = isUrl
    ? target
    : target === 'compose'
      ? await composeEdgeUrl(options, ctx)
      : k8sUrl(options);
  const release = isUrl
    ? undefined
    : currentRelease((await ctx.ledger.read()).releases, target as Target);
  const folder = release
    ? ctx.ledger.releaseDir(release.id)
    : path.join(path.dirname(ctx.ledger.file), 'loadtests');
  await mkdir(folder, { recursive: true });

  const entry = path.join(ctx.root, 'loadtests', 'src', 'index.ts');
  if (!existsSync(entry))
    throw new EnvironmentError('the loadtests runner (loadtests/src) is missing');
  const runner = (await import(entry)) as LoadtestsRunner;
  if (runner.PROFILES && !runner.PROFILES.includes(options.profile)) {
    throw new UsageError(
      `unknown load test profile "${options.profile}"; profiles are: ${runner.PROFILES.join(', ')}`,
    );
  }
  ctx.reporter.progress(`load test "${options.profile}" against ${baseUrl}`);
  const result = await runner.runK6({
    profile: options.profile,
    baseUrl,
    summaryDir: folder,
    onProgress: (event) => ctx.reporter.progress(runner.formatProgress(event)),
  });
  const summaryFile = path.join(folder, `loadtest-${options.profile}.json`);
  const summary = existsSync(result.summaryJson)
    ? JSON.parse(await readFile(result.summaryJson, 'utf8'))
    : undefined;
  await writeFile(
    summaryFile,
    `${JSON.stringify({ outcome: result.outcome, exitCode: result.exitCode, baseUrl, release: release?.id, summary }, null, 2)}\n`,
  );
  if (result.outcome === 'error')
    throw new EnvironmentError(
      `k6 could not run the "${options.profile}" profile (exit ${result.exitCode})`,
      'install k6, or make the grafana/k6 image available to Docker',
    );
  if (result.outcome !== 'passed')
    throw new LoadtestFailedError(
      `load test "${options.profile}" ${result.outcome} (exit ${result.exitCode}); summary in ${summaryFile}`,
    );
  return { baseUrl, release: release?.id, summaryFile, summary };
}

/** The host port the Compose edge publishes, read from the running container. */
async function composeEdgeUrl(options: ComposeOptions, ctx: CommandContext): Promise<string> {
  const project = composeProject(options, ctx);
  for (const listed of await ctx.docker.listContainers({
    [COMPOSE_LABEL.project]: project.projectName,
  })) {
    const info = await ctx.docker.inspectContainer(listed.id);
    const binding = Object.values(info?.NetworkSettings.Ports ?? {})
      .flat()
      .find((port) => port?.HostPort);
    if (binding) return `http://127.0.0.1:${binding.HostPort}`;
  }
  throw new EnvironmentError(
    `nothing in the compose project ${project.projectName} publishes a port`,
    'run portside up first',
  );
}

function k8sUrl(options: LoadtestOptions): string {
  if (!options.url)
    throw new UsageError(
      'a load test against k8s needs --url (the address the ingress answers on)',
    );
  return options.url;
}
