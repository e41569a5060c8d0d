import { connect } from '../deploy/k8s-target';
import type { Release } from '../../core/ledger';
import type { KubernetesApi } from '../../k8s/kube';

export interface KubernetesStatus {
  context?: string;
  namespace?: string;
  release?: Release;
  deployments: { name: string; image: string; digest?: string; replicas: number; ready: number }[];
  error?: string;
}

export async function kubernetesStatus(options: { context?: string; namespace?: string; kube?: KubernetesApi }, release: Release | undefined): Promise<KubernetesStatus> {
  try {
    const kube = await connect({ context: options.context ?? release?.context, namespace: options.namespace ?? release?.namespace, kube: options.kube });
    const deployments = await kube.list('apps/v1', 'Deployment');
    return {
      context: kube.context,
      namespace: kube.namespace,
      release,
      deployments: deployments.map((deployment) => {
        const image = deployment.spec?.template?.spec?.containers?.[0]?.image ?? '';
        const status = (deployment.status ?? {}) as { readyReplicas?: number };
        return { name: deployment.metadata.name, image, digest: image.split('@')[1], replicas: deployment.spec?.replicas ?? 1, ready: status.readyReplicas ?? 0 };
      }),
    };
  } catch (error) {
    return { release, deployments: [], error: (error as Error).message };
  }
}
