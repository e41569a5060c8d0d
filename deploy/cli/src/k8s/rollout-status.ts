import type { KubeObject } from './kube';

/** `warning`: done only in the sense that there is nothing to wait for (kubectl stops there too). */
export type RolloutState =
  | { done: true; message: string; warning?: true }
  | { done: false; failed: boolean; message: string };

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
    return {
      done: false,
      failed: false,
      message: `${name}: waiting for the deployment spec update to be observed`,
    };
  }
  const progressing = status.conditions?.find((condition) => condition.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return { done: false, failed: true, message: `${name}: exceeded its progress deadline` };
  }
  const desired = deployment.spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  if (updated < desired)
    return {
      done: false,
      failed: false,
      message: `${name}: ${updated} of ${desired} new replicas updated`,
    };
  const total = status.replicas ?? 0;
  if (total > updated)
    return {
      done: false,
      failed: false,
      message: `${name}: ${total - updated} old replicas pending termination`,
    };
  const available = status.availableReplicas ?? 0;
  if (available < updated)
    return {
      done: false,
      failed: false,
      message: `${name}: ${available} of ${updated} updated replicas available`,
    };
  return { done: true, message: `${name}: successfully rolled out` };
}

interface StatefulSetSpec {
  replicas?: number;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number } };
}

interface StatefulSetStatus {
  observedGeneration?: number;
  readyReplicas?: number;
  updatedReplicas?: number;
  currentReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
}

/**
 * The same reading of a StatefulSet that `kubectl rollout status statefulset` makes: only a
 * RollingUpdate can be watched; then the new generation observed, every replica ready, and either
 * the pods at or above the partition updated (when the strategy states one, as the API server's
 * defaulting does) or the current revision caught up with the update revision.
 */
export function statefulSetRolloutState(statefulSet: KubeObject): RolloutState {
  const name = statefulSet.metadata.name;
  const spec = (statefulSet.spec ?? {}) as StatefulSetSpec;
  const status = (statefulSet.status ?? {}) as StatefulSetStatus;
  const strategy = spec.updateStrategy?.type ?? 'RollingUpdate';
  if (strategy !== 'RollingUpdate') {
    return {
      done: true,
      warning: true,
      message: `${name}: not waited for: rollout status is only available for the RollingUpdate strategy (this one is ${strategy}, so its pods take the new template only when they are deleted)`,
    };
  }
  const observed = status.observedGeneration ?? 0;
  if (observed === 0 || (statefulSet.metadata.generation ?? 0) > observed) {
    return {
      done: false,
      failed: false,
      message: `${name}: waiting for the statefulset spec update to be observed`,
    };
  }
  const desired = spec.replicas ?? 1;
  const ready = status.readyReplicas ?? 0;
  if (ready < desired)
    return {
      done: false,
      failed: false,
      message: `${name}: waiting for ${desired - ready} pods to be ready`,
    };
  const updated = status.updatedReplicas ?? 0;
  const rollingUpdate = spec.updateStrategy?.rollingUpdate;
  if (rollingUpdate) {
    const partition = rollingUpdate.partition;
    if (partition !== undefined && updated < desired - partition) {
      return {
        done: false,
        failed: false,
        message: `${name}: waiting for partitioned roll out to finish: ${updated} of ${desired - partition} new pods updated`,
      };
    }
    return {
      done: true,
      message: partition
        ? `${name}: partitioned roll out complete: ${updated} new pods updated (ordinals below ${partition} keep the old revision)`
        : `${name}: successfully rolled out (${updated} pods updated)`,
    };
  }
  if (status.updateRevision !== status.currentRevision) {
    return {
      done: false,
      failed: false,
      message: `${name}: waiting for the rolling update to complete: ${updated} pods at revision ${status.updateRevision}`,
    };
  }
  return {
    done: true,
    message: `${name}: successfully rolled out (${status.currentReplicas ?? 0} pods at revision ${status.currentRevision})`,
  };
}

/** A Job (a migration) is done when it succeeded, failed when its Failed condition is set. */
export function jobState(job: KubeObject): RolloutState {
  const status = (job.status ?? {}) as {
    succeeded?: number;
    conditions?: { type: string; status: string; message?: string }[];
  };
  const name = job.metadata.name;
  if ((status.succeeded ?? 0) > 0) return { done: true, message: `${name}: completed` };
  const failed = status.conditions?.find(
    (condition) => condition.type === 'Failed' && condition.status === 'True',
  );
  if (failed)
    return {
      done: false,
      failed: true,
      message: `${name}: failed${failed.message ? `: ${failed.message}` : ''}`,
    };
  return { done: false, failed: false, message: `${name}: running` };
}
