import type { KubeObject, KubernetesApi, ObjectRef } from '../k8s/kube';

/** An in-memory cluster whose Deployments roll out at once, unless their image is listed as stuck. */
export class FakeKube implements KubernetesApi {
  readonly context = 'fake';
  readonly namespace = 'shop';
  applied: KubeObject[] = [];
  deleted: string[] = [];
  objects = new Map<string, KubeObject>();
  stuckImages = new Set<string>();

  private key = (ref: ObjectRef) => `${ref.kind}/${ref.metadata.name}`;

  async apply(object: KubeObject) {
    this.applied.push(object);
    const existing = this.objects.get(this.key(object));
    const stored: KubeObject = { ...existing, ...object, metadata: { ...existing?.metadata, ...object.metadata, generation: (existing?.metadata.generation ?? 0) + 1 }, spec: { ...existing?.spec, ...object.spec } };
    this.objects.set(this.key(object), stored);
    return stored;
  }

  async read(ref: ObjectRef) {
    const object = this.objects.get(this.key(ref));
    if (!object) return undefined;
    const generation = object.metadata.generation ?? 1;
    const replicas = object.spec?.replicas ?? 1;
    const stuck = (object.spec?.template?.spec?.containers ?? []).some((container) => this.stuckImages.has(container.image ?? ''));
    object.status =
      object.kind === 'Job'
        ? { succeeded: 1 }
        : stuck
          ? { observedGeneration: generation, replicas: replicas + 1, updatedReplicas: 1, availableReplicas: replicas, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] }
          : { observedGeneration: generation, replicas, updatedReplicas: replicas, availableReplicas: replicas };
    return object;
  }

  async delete(ref: ObjectRef) {
    this.deleted.push(this.key(ref));
    this.objects.delete(this.key(ref));
  }

  async list(_apiVersion: string, kind: string) {
    return [...this.objects.values()].filter((object) => object.kind === kind);
  }

  imageOf(name: string): string | undefined {
    return this.objects.get(`Deployment/${name}`)?.spec?.template?.spec?.containers?.[0]?.image;
  }
}
