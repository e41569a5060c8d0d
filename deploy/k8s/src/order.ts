import { KubeObject } from './types';

/** kustomize's legacy output order: what must exist first (namespaces, accounts, config) comes first. */
const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function rank(kind: string): number {
  const first = ORDER_FIRST.indexOf(kind);
  if (first >= 0) return first - ORDER_FIRST.length;
  const last = ORDER_LAST.indexOf(kind);
  return last >= 0 ? last + 1 : 0;
}

/** Sorts by kind rank, then apiVersion and kind, then namespace and name: the same input always prints the same. */
export function sortObjects(objects: readonly KubeObject[]): KubeObject[] {
  const key = (o: KubeObject) => [
    o.apiVersion,
    o.kind,
    o.metadata.namespace ?? '',
    o.metadata.name,
  ];
  return [...objects].sort((a, b) => {
    const byRank = rank(a.kind) - rank(b.kind);
    if (byRank !== 0) return byRank;
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] !== kb[i]) return ka[i]! < kb[i]! ? -1 : 1;
    }
    return 0;
  });
}
