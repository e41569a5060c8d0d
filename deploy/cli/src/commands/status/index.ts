import type { ComposeOptions } from '../../compose/project';
import type { CommandContext } from '../../core/context';
import { currentRelease, type Release } from '../../core/ledger';
import { composeStatus, type ServiceStatus } from './compose-status';
import { kubernetesStatus, type KubernetesStatus } from './k8s-status';

export interface StatusOptions extends ComposeOptions {
  context?: string;
  namespace?: string;
}

export interface StatusReport {
  compose: { release?: Release; services: ServiceStatus[]; error?: string };
  k8s: KubernetesStatus;
}

/** Each target on its own: one being unavailable is reported, not fatal. */
export async function status(options: StatusOptions, ctx: CommandContext): Promise<StatusReport> {
  const { releases } = await ctx.ledger.read();
  const compose: StatusReport['compose'] = {
    release: currentRelease(releases, 'compose'),
    services: [],
  };
  try {
    await ctx.docker.ping();
    compose.services = await composeStatus(options, ctx);
  } catch (error) {
    compose.error = (error as Error).message;
  }
  const k8s = await kubernetesStatus(options, currentRelease(releases, 'k8s'));
  return { compose, k8s };
}

export function formatStatus(report: StatusReport): string {
  const lines = [
    'compose' + (report.compose.release ? ` (release ${report.compose.release.id})` : ''),
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
  );
  if (report.k8s.error) lines.push(`  unavailable: ${report.k8s.error}`);
  for (const w of [...report.k8s.deployments, ...report.k8s.statefulSets]) {
    lines.push(
      `  ${w.name.padEnd(18)} ${w.ready}/${w.replicas} ready  ${(w.digest?.slice(0, 19) ?? w.image).padEnd(22)} ${w.rollout}`,
    );
  }
  return lines.join('\n');
}
