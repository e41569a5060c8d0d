/** The Kubernetes objects portside handles, loosely typed: it passes most fields through. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  spec?: Record<string, unknown> & { replicas?: number; template?: PodTemplate };
  status?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface PodTemplate {
  metadata?: Record<string, unknown>;
  spec?: { containers?: { name: string; image?: string }[]; initContainers?: { name: string; image?: string }[]; [key: string]: unknown };
}

export type ObjectRef = Pick<KubeObject, 'apiVersion' | 'kind'> & { metadata: { name: string; namespace?: string } };

/**
 * What the commands need from a cluster: small enough to fake, implemented with
 * @kubernetes/client-node in client-node-kube.ts.
 */
export interface KubernetesApi {
  readonly context: string;
  readonly namespace: string;
  /** Server-side apply as field manager "portside", forcing ownership of conflicting fields. */
  apply(object: KubeObject): Promise<KubeObject>;
  read(ref: ObjectRef): Promise<KubeObject | undefined>;
  delete(ref: ObjectRef): Promise<void>;
  list(apiVersion: string, kind: string): Promise<KubeObject[]>;
}

export const CLUSTER_SCOPED = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass', 'PriorityClass', 'IngressClass']);
