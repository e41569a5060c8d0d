import { composeProject, type ComposeOptions } from '../../compose/project';
import type { CommandContext } from '../../core/context';
import { currentRelease, type Release } from '../../core/ledger';
import { connect } from '../../k8s/connect';
import type { KubernetesApi } from '../../k8s/kube';
import { ComposeStore } from '../../releases/compose-store';
import { describeHolder, type LockHolder } from '../../releases/holder';
import { KubeStore } from '../../releases/kube-store';
import { targetNamespace } from '../../releases/open-store';
import type { TargetStore } from '../../releases/target-store';
import { composeStatus, type ServiceStatus } from './compose-status';
import { kubernetesStatus, type KubernetesStatus } from './k8s-status';

export interface StatusOptions extends ComposeOptions {
  context?: string;
  namespace?: string;
  kube?: KubernetesApi;
}

export interface StatusReport {
  compose: {
    release?: Release;
    lock?: LockHolder;
    services: ServiceStatus[];
    error?: string;
  };
  k8s: KubernetesStatus & { lock?: LockHolder };
}

/**
 * Each target on its own, as the target itself tells it (its release history and lock, what
 * runs): one being unavailable is reported, not fatal.
 */
export async function status(options: StatusOptions, ctx: CommandContext): Promise<StatusReport> {
  const compose: StatusReport['compose'] = { services: [] };
  try {
    await ctx.docker.ping();
    const project = composeProject(options, ctx).projectName;
    const store = new ComposeStore(ctx.docker, project, ctx.env.DOCKER_HOST);
    Object.assign(compose, await history(store, 'compose', ctx));
    compose.services = await composeStatus(options, ctx);
  } catch (error) {
    compose.error = (error as Error).message;
  }
  return { compose, k8s: await k8sStatus(options, ctx) };
}

async function k8sStatus(
  options: StatusOptions,
  ctx: CommandContext,
): Promise<StatusReport['k8s']> {
  let kube: KubernetesApi;
  let namespace: string;
  try {
    kube = await connect(options);
    namespace = await targetNamespace(kube, options, ctx);
  } catch (error) {
    return { deployments: [], statefulSets: [], error: (error as Error).message };
  }
  const found = await history(new KubeStore(kube, namespace), 'k8s', ctx).catch((error: Error) => ({
    error: error.message,
    release: undefined,
    lock: undefined,
  }));
  const workloads = await kubernetesStatus({ ...options, kube, namespace }, found.release);
  return {
    ...workloads,
    lock: found.lock,
    error: workloads.error ?? ('error' in found ? found.error : undefined),
  };
}

async function history(store: TargetStore, target: Release['target'], ctx: CommandContext) {
  const [releases, lock] = await Promise.all([store.list(), store.holder()]);
  await ctx.ledger.remember(releases);
  return { release: currentRelease(releases, target), lock };
}

const lockLine = (lock: LockHolder | undefined) =>
  lock ? [`  locked by ${describeHolder(lock)}`] : [];

export function formatStatus(report: StatusReport): string {
  const lines = [
    'compose' + (report.compose.release ? ` (release ${report.compose.release.id})` : ''),
    ...lockLine(report.compose.lock),
  ];
  if (report.compose.error) lines.push(`  unavailable: ${report.compose.error}`);
  else if (report.compose.services.length === 0) lines.push('  nothing running');
  for (const s of report.compose.services) {
    lines.push(
      `  ${s.service.padEnd(18)} ${String(s.replicas).padStart(2)}x  ${s.health.join(',').padEnd(16)} ${s.gitSha?.slice(0, 7) ?? '-'}  ${s.digest?.slice(0, 19) ?? s.image}`,
    );
  }
  const where = [
    report.k8s.context && `context ${report.k8s.context}`,
    report.k8s.namespace && `namespace ${report.k8s.namespace}`,
  ]
    .filter(Boolean)
    .join(', ');
  lines.push(
    'k8s' +
      (report.k8s.release ? ` (release ${report.k8s.release.id})` : '') +
      (where ? ` ${where}` : ''),
    ...lockLine(report.k8s.lock),
  );
  if (report.k8s.error) lines.push(`  unavailable: ${report.k8s.error}`);
  for (const w of [...report.k8s.deployments, ...report.k8s.statefulSets]) {
    lines.push(
      `  ${w.name.padEnd(18)} ${w.ready}/${w.replicas} ready  ${(w.digest?.slice(0, 19) ?? w.image).padEnd(22)} ${w.rollout}`,
    );
  }
  return lines.join('\n');
}
