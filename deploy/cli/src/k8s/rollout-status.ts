import type { KubeObject } from './kube';

export type RolloutState = { done: true; message: string } | { done: false; failed: boolean; message: string };

interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  conditions?: { type: string; status: string; reason?: string; message?: string }[];
}

/** The same reading of a Deployment that `kubectl rollout status` makes. */
export function deploymentRolloutState(deployment: KubeObject): RolloutState {
  const name = deployment.metadata.name;
  const status = (deployment.status ?? {}) as DeploymentStatus;
  const generation = deployment.metadata.generation ?? 0;
  if (generation > (status.observedGeneration ?? 0)) {
    return { done: false, failed: false, message: `${name}: waiting for the deployment spec update to be observed` };
  }
  const progressing = status.conditions?.find((condition) => condition.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { done: false, failed: true, message: `${name}: exceeded its progress deadline` };
  }
  const desired = deployment.spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  if (updated < desired) return { done: false, failed: false, message: `${name}: ${updated} of ${desired} new replicas updated` };
  const total = status.replicas ?? 0;
  if (total > updated) return { done: false, failed: false, message: `${name}: ${total - updated} old replicas pending termination` };
  const available = status.availableReplicas ?? 0;
  if (available < updated) return { done: false, failed: false, message: `${name}: ${available} of ${updated} updated replicas available` };
  return { done: true, message: `${name}: successfully rolled out` };
}

/** A Job (a migration) is done when it succeeded, failed when its Failed condition is set. */
export function jobState(job: KubeObject): RolloutState {
  const status = (job.status ?? {}) as { succeeded?: number; conditions?: { type: string; status: string; message?: string }[] };
  const name = job.metadata.name;
  if ((status.succeeded ?? 0) > 0) return { done: true, message: `${name}: completed` };
  const failed = status.conditions?.find((condition) => condition.type === 'Failed' && condition.status === 'True');
  if (failed) return { done: false, failed: true, message: `${name}: failed${failed.message ? `: ${failed.message}` : ''}` };
  return { done: false, failed: false, message: `${name}: running` };
}
