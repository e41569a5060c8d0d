import { existsSync } from 'node:fs';
import path from 'node:path';
import type { KubernetesApi } from './kube';

export interface KubernetesDeployOptions {
  context?: string;
  namespace?: string;
  /** A kustomize folder; default deploy/k8s/overlays/local, else deploy/k8s/base. */
  manifests?: string;
  rolloutTimeoutMs?: number;
  pollMs?: number;
  rollbackOf?: string;
  /** Tests hand in a fake; the CLI connects with client-node. */
  kube?: KubernetesApi;
}

/** Loaded only when needed: client-node is an ES module, and most commands never touch a cluster. */
export async function connect(
  options: Pick<KubernetesDeployOptions, 'context' | 'namespace' | 'kube'>,
): Promise<KubernetesApi> {
  if (options.kube) return options.kube;
  const { connectKubernetes } = await import('./client-node-kube');
  return connectKubernetes(options);
}

export function defaultManifests(root: string): string {
  const local = path.join(root, 'deploy/k8s/overlays/local');
  return existsSync(path.join(local, 'kustomization.yaml'))
    ? local
    : path.join(root, 'deploy/k8s/base');
}
