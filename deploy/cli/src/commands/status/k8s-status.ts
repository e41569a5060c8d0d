import { connect } from '../../k8s/connect';
import type { Release } from '../../core/ledger';
import type { KubeObject, KubernetesApi } from '../../k8s/kube';
import {
  deploymentRolloutState,
  statefulSetRolloutState,
  type RolloutState,
} from '../../k8s/rollout-status';

export interface WorkloadStatus {
  name: string;
  /** The first container's image, as the template states it (pinned by digest after a deploy). */
  image: string;
  digest?: string;
  replicas: number;
  ready: number;
  updated: number;
  /** Where its rollout stands, read as `kubectl rollout status` would ("exceeded its progress deadline"). */
  rollout: string;
}

export interface KubernetesStatus {
  context?: string;
  namespace?: string;
  release?: Release;
  deployments: WorkloadStatus[];
  /** The data stores (in-cluster PostgreSQL and Redis), when the namespace runs them. */
  statefulSets: WorkloadStatus[];
  error?: string;
}

export async function kubernetesStatus(
  options: { context?: string; namespace?: string; kube?: KubernetesApi },
  release: Release | undefined,
): Promise<KubernetesStatus> {
  try {
    const kube = await connect({
      context: options.context ?? release?.context,
      namespace: options.namespace ?? release?.namespace,
      kube: options.kube,
    });
    const namespace = options.namespace ?? kube.namespace;
    const [deployments, statefulSets] = await Promise.all([
      kube.list('apps/v1', 'Deployment', namespace),
      kube.list('apps/v1', 'StatefulSet', namespace),
    ]);
    return {
      context: kube.context,
      namespace,
      release,
      deployments: deployments.map((deployment) =>
        workloadStatus(deployment, deploymentRolloutState),
      ),
      statefulSets: statefulSets.map((statefulSet) =>
        workloadStatus(statefulSet, statefulSetRolloutState),
      ),
    };
  } catch (error) {
    return { release, deployments: [], statefulSets: [], error: (error as Error).message };
  }
}

function workloadStatus(
  workload: KubeObject,
  rolloutState: (workload: KubeObject) => RolloutState,
): WorkloadStatus {
  const name = workload.metadata.name;
  const image = workload.spec?.template?.spec?.containers?.[0]?.image ?? '';
  const status = (workload.status ?? {}) as { readyReplicas?: number; updatedReplicas?: number };
  return {
    name,
    image,
    digest: image.split('@')[1],
    replicas: workload.spec?.replicas ?? 1,
    ready: status.readyReplicas ?? 0,
    updated: status.updatedReplicas ?? 0,
    rollout: rolloutState(workload).message.replace(`${name}: `, ''),
  };
}
