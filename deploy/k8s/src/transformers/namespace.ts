import { KubeObject, KustomizeError } from '../types';

/** Kinds that live outside any namespace: kustomize's `namespace:` and a deploy leave them alone. */
export const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'PersistentVolume',
  'StorageClass',
  'PriorityClass',
  'IngressClass',
  'RuntimeClass',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'APIService',
]);

/** kustomize's `namespace:` for namespaced kinds. A Namespace object must already carry that name. */
export function transformNamespace(
  objects: KubeObject[],
  namespace: string | undefined,
): KubeObject[] {
  if (!namespace) return objects;
  for (const object of objects) {
    if (object.kind === 'Namespace') {
      if (object.metadata.name !== namespace) {
        throw new KustomizeError(
          `Namespace ${object.metadata.name} differs from namespace: ${namespace}`,
        );
      }
    } else if (!CLUSTER_SCOPED.has(object.kind)) {
      object.metadata.namespace = namespace;
    }
  }
  return objects;
}
