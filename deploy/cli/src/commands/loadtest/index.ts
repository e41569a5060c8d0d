import { composeProject, type ComposeOptions } from '../../compose/project';
import { COMPOSE_LABEL } from '../../compose/labels';
import type { CommandContext } from '../../core/context';
import type { ContainerListing } from '../../docker/engine';
import { EnvironmentError, LoadtestFailedError, UsageError } from '../../core/errors';
import { currentRelease, type Release, type Target } from '../../core/ledger';
import { sloChecks, type Check } from '../../perf/judge';
import { measureRuns } from '../../perf/measure';
import type { RunSummary } from '../../perf/run-summary';

export interface LoadtestOptions extends ComposeOptions {
  profile: string;
  /** compose, k8s, or a base URL. */
  target?: string;
  /** k8s: the URL the cluster's ingress answers on. */
  url?: string;
  /** Runs to keep (3 or more make a baseline). */
  runs?: number;
  /** autocannon runner: connections and seconds instead of the profile's. */
  connections?: number;
  duration?: number;
}

export interface LoadtestResult {
  baseUrl: string;
  release?: string;
  runner: string;
  runnerNote: string;
  resultsFile: string;
  runs: RunSummary[];
  checks: Check[];
}

/** Runs a loadtests profile N times against what is deployed and keeps every run beside that release. */
export async function loadtest(
  options: LoadtestOptions,
  ctx: CommandContext,
): Promise<LoadtestResult> {
  const { baseUrl, release } = await loadtestTarget(options, ctx);
  const measured = await measureRuns(
    {
      profile: options.profile,
      runs: options.runs ?? 1,
      baseUrl,
      release: release?.id,
      connections: options.connections,
      durationSeconds: options.duration,
    },
    ctx,
  );
  if ((options.runs ?? 1) < 3)
    ctx.reporter.progress('fewer than 3 runs: not yet a baseline `perf compare` can judge');
  const checks = sloChecks(measured.runs, measured.slo);
  const missed = checks.filter((check) => !check.passed);
  if (missed.length > 0)
    throw new LoadtestFailedError(
      `load test "${options.profile}" missed its SLOs: ${missed.map((c) => `${c.name} ${c.detail}`).join('; ')}; runs in ${measured.resultsFile}`,
    );
  return { baseUrl, release: release?.id, ...measured, checks };
}

/** The address to load and the release it runs: the Compose edge, a k8s ingress URL, or a bare URL. */
export async function loadtestTarget(
  options: Pick<LoadtestOptions, 'target' | 'url' | 'composeFile' | 'projectName'>,
  ctx: CommandContext,
): Promise<{ baseUrl: string; release?: Release }> {
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
  return { baseUrl, release };
}

/** Services that front a stack, asked first: other layers (Prometheus) publish ports too. */
const EDGE_SERVICES = ['ingress', 'edge'];
const edgeFirst = (listed: ContainerListing) =>
  EDGE_SERVICES.includes(listed.labels[COMPOSE_LABEL.service] ?? '') ? 0 : 1;

/** The host port the Compose edge publishes, read from the running container. */
async function composeEdgeUrl(options: ComposeOptions, ctx: CommandContext): Promise<string> {
  const project = composeProject(options, ctx);
  const containers = await ctx.docker.listContainers({
    [COMPOSE_LABEL.project]: project.projectName,
  });
  for (const listed of containers.sort((a, b) => edgeFirst(a) - edgeFirst(b))) {
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

function k8sUrl(options: Pick<LoadtestOptions, 'url'>): string {
  if (!options.url)
    throw new UsageError(
      'a load test against k8s needs --url (the address the ingress answers on)',
    );
  return options.url;
}
