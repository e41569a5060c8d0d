import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { composeProject, type ComposeOptions } from '../../compose/project';
import { COMPOSE_LABEL } from '../../compose/labels';
import type { CommandContext } from '../../core/context';
import { EnvironmentError, UsageError } from '../../core/errors';
import { currentRelease, type Target } from '../../core/ledger';

export interface LoadtestOptions extends ComposeOptions {
  profile: string;
  /** compose, k8s, or a base URL. */
  target?: string;
  /** k8s: the URL the cluster's ingress answers on. */
  url?: string;
}

interface RunK6 {
  runK6(input: { profile: string; baseUrl: string; summaryDir: string; onProgress?: (line: string) => void }): Promise<unknown>;
}

/** Runs a loadtests profile against what is deployed and keeps its summary beside that release. */
export async function loadtest(options: LoadtestOptions, ctx: CommandContext): Promise<{ baseUrl: string; release?: string; summaryFile: string; summary: unknown }> {
  const target = options.target ?? 'compose';
  const isUrl = /^https?:\/\//.test(target);
  if (!isUrl && target !== 'compose' && target !== 'k8s') throw new UsageError(`--target wants compose, k8s or a URL, got "${target}"`);
  const baseUrl = isUrl ? target : target === 'compose' ? await composeEdgeUrl(options, ctx) : k8sUrl(options);
  const release = isUrl ? undefined : currentRelease((await ctx.ledger.read()).releases, target as Target);
  const folder = release ? ctx.ledger.releaseDir(release.id) : path.join(path.dirname(ctx.ledger.file), 'loadtests');
  await mkdir(folder, { recursive: true });

  const runner = path.join(ctx.root, 'loadtests', 'src', 'run.ts');
  if (!existsSync(runner)) throw new EnvironmentError('the loadtests runner (loadtests/src/run.ts) is missing');
  const { runK6 } = (await import(runner)) as RunK6;
  ctx.reporter.progress(`load test "${options.profile}" against ${baseUrl}`);
  const summary = await runK6({ profile: options.profile, baseUrl, summaryDir: folder, onProgress: (line) => ctx.reporter.progress(line) });
  const summaryFile = path.join(folder, `loadtest-${options.profile}.json`);
  await writeFile(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
  return { baseUrl, release: release?.id, summaryFile, summary };
}

/** The host port the Compose edge publishes, read from the running container. */
async function composeEdgeUrl(options: ComposeOptions, ctx: CommandContext): Promise<string> {
  const project = composeProject(options, ctx);
  for (const listed of await ctx.docker.listContainers({ [COMPOSE_LABEL.project]: project.projectName })) {
    const info = await ctx.docker.inspectContainer(listed.id);
    const binding = Object.values(info?.NetworkSettings.Ports ?? {}).flat().find((port) => port?.HostPort);
    if (binding) return `http://127.0.0.1:${binding.HostPort}`;
  }
  throw new EnvironmentError(`nothing in the compose project ${project.projectName} publishes a port`, 'run portside up first');
}

function k8sUrl(options: LoadtestOptions): string {
  if (!options.url) throw new UsageError('a load test against k8s needs --url (the address the ingress answers on)');
  return options.url;
}
