import type { Reporter } from '../core/reporter';
import { FIELD_MANAGER, refOf, type KubeObject, type KubernetesApi } from './kube';

/**
 * A second field manager that takes a share of spec.replicas before portside lets go of it.
 * Server-side apply deletes a field its last owner stops applying, and the API server then
 * defaults replicas to 1; with a co-owner the live count stays until the HPA next writes it
 * (the "transferring ownership" procedure of the Kubernetes docs).
 */
export const REPLICAS_HANDOVER_MANAGER = 'portside-replicas-handover';

/** The workloads ("Deployment/catalog") that a HorizontalPodAutoscaler in the manifests scales. */
export function autoscaledWorkloads(objects: KubeObject[]): Set<string> {
  const targets = objects
    .filter((object) => object.kind === 'HorizontalPodAutoscaler')
    .map((hpa) => hpa.spec?.scaleTargetRef as { kind?: string; name?: string } | undefined)
    .filter((ref): ref is { kind: string; name: string } => Boolean(ref?.kind && ref.name));
  return new Set(targets.map((ref) => `${ref.kind}/${ref.name}`));
}

/** Whether `manager`'s last apply set spec.replicas, as the live object's managedFields record it. */
export function appliesReplicas(live: KubeObject, manager = FIELD_MANAGER): boolean {
  return (live.metadata.managedFields ?? []).some((entry) => {
    const spec = entry.fieldsV1?.['f:spec'] as Record<string, unknown> | undefined;
    return (
      entry.manager === manager && entry.operation === 'Apply' && spec?.['f:replicas'] !== undefined
    );
  });
}

export function withoutReplicas(object: KubeObject): KubeObject {
  const { replicas: _replicas, ...spec } = object.spec ?? {};
  return { ...object, spec };
}

/**
 * What to apply for a workload that an HPA scales. The first time, the manifests' replicas (the
 * HPA does not exist yet); once it lives, none, so a deploy never resets the HPA's count.
 */
export async function leaveReplicasToAutoscaler(
  kube: KubernetesApi,
  object: KubeObject,
  live: KubeObject | undefined,
  reporter: Reporter,
): Promise<KubeObject> {
  if (!live) return object;
  const count = live.spec?.replicas;
  if (count !== undefined && appliesReplicas(live)) {
    await kube.apply(
      {
        apiVersion: object.apiVersion,
        kind: object.kind,
        metadata: { name: object.metadata.name, namespace: object.metadata.namespace },
        spec: { replicas: count },
      },
      { fieldManager: REPLICAS_HANDOVER_MANAGER },
    );
  }
  reporter.progress(
    `${refOf(object)}: replicas left to its HorizontalPodAutoscaler (${count ?? 'unknown'} now)`,
  );
  return withoutReplicas(object);
}
