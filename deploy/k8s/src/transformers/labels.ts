import { LabelEntry } from '../kustomization-file';
import { isRecord, KubeObject } from '../types';

/** Where `includeTemplates` puts labels besides metadata.labels (kustomize's metadataLabels field specs). */
const TEMPLATE_PATHS: Record<string, string[][]> = {
  Deployment: [['spec', 'template']],
  ReplicaSet: [['spec', 'template']],
  DaemonSet: [['spec', 'template']],
  ReplicationController: [['spec', 'template']],
  StatefulSet: [['spec', 'template']],
  Job: [['spec', 'template']],
  CronJob: [
    ['spec', 'jobTemplate'],
    ['spec', 'jobTemplate', 'spec', 'template'],
  ],
};

/** kustomize's `labels:` without selectors: object labels, and pod template labels when asked. */
export function transformLabels(
  objects: KubeObject[],
  entries: readonly LabelEntry[],
): KubeObject[] {
  for (const { pairs, includeTemplates } of entries) {
    const strings = Object.fromEntries(Object.entries(pairs).map(([k, v]) => [k, String(v)]));
    for (const object of objects) {
      object.metadata.labels = { ...object.metadata.labels, ...strings };
      if (!includeTemplates) continue;
      for (const path of TEMPLATE_PATHS[object.kind] ?? []) addLabelsAt(object, path, strings);
      if (object.kind === 'StatefulSet') {
        const claims =
          (object.spec as { volumeClaimTemplates?: unknown[] } | undefined)?.volumeClaimTemplates ??
          [];
        for (const claim of claims.filter(isRecord)) addLabelsAt(claim, [], strings);
      }
    }
  }
  return objects;
}

function addLabelsAt(
  root: Record<string, unknown>,
  path: string[],
  labels: Record<string, string>,
): void {
  let node: Record<string, unknown> = root;
  for (const key of [...path, 'metadata']) {
    if (!isRecord(node[key])) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node.labels = { ...(node.labels as Record<string, string> | undefined), ...labels };
}
