import {
  FIELD_MANAGER,
  KubernetesApiError,
  refOf,
  type ApplyOptions,
  type KubeObject,
  type KubernetesApi,
  type ManagedFieldsEntry,
  type ObjectRef,
} from '../k8s/kube';

/** The manager the HPA controller writes spec.replicas as (an Update, not an apply). */
const CONTROLLER = 'kube-controller-manager';
const SCALED = new Set(['Deployment', 'StatefulSet']);

/**
 * An in-memory cluster whose Deployments and StatefulSets roll out at once, unless their image is
 * listed as stuck. spec.replicas follows server-side apply: an apply that leaves it out removes it
 * when no other manager owns it, and it then defaults to 1.
 */
export class FakeKube implements KubernetesApi {
  readonly context = 'fake';
  readonly namespace = 'shop';
  applications: { object: KubeObject; fieldManager: string }[] = [];
  deleted: string[] = [];
  objects = new Map<string, KubeObject>();
  stuckImages = new Set<string>();
  /** Objects ("Deployment/api") whose next read once they exist fails, as from an unreachable API server. */
  failingReads = new Map<string, Error>();
  /** Decides which applies the API server refuses (their error), as a 403 or a 422 would. */
  refuseApply: (object: KubeObject) => Error | undefined = () => undefined;
  private replicasOwners = new Map<string, Set<string>>();

  get applied(): KubeObject[] {
    return this.applications.map((application) => application.object);
  }

  async apply(object: KubeObject, options: ApplyOptions = {}) {
    const fieldManager = options.fieldManager ?? FIELD_MANAGER;
    const refusal = this.refuseApply(object);
    if (refusal) throw refusal;
    this.applications.push({ object, fieldManager });
    const key = refOf(object);
    const existing = this.objects.get(key);
    const stored: KubeObject = {
      ...existing,
      ...object,
      metadata: {
        ...existing?.metadata,
        ...object.metadata,
        generation: (existing?.metadata.generation ?? 0) + 1,
      },
      spec: { ...existing?.spec, ...object.spec },
    };
    if (SCALED.has(object.kind)) {
      const owners = this.replicasOwners.get(key) ?? new Set<string>();
      if (object.spec?.replicas !== undefined) owners.add(fieldManager);
      else if (owners.delete(fieldManager) && owners.size === 0)
        stored.spec = { ...stored.spec, replicas: 1 };
      this.replicasOwners.set(key, owners);
    }
    this.objects.set(key, stored);
    return stored;
  }

  /** What an HPA does: an Update of spec.replicas, which takes the field from every other manager. */
  scale(kind: string, name: string, replicas: number) {
    const object = this.objects.get(`${kind}/${name}`);
    if (!object) throw new Error(`${kind}/${name} does not exist`);
    object.spec = { ...object.spec, replicas };
    object.metadata.generation = (object.metadata.generation ?? 0) + 1;
    this.replicasOwners.set(`${kind}/${name}`, new Set([CONTROLLER]));
  }

  async read(ref: ObjectRef) {
    const key = refOf(ref);
    const failure = this.failingReads.get(key);
    if (failure && this.objects.has(key)) {
      this.failingReads.delete(key);
      throw failure;
    }
    const object = this.objects.get(key);
    if (!object) return undefined;
    const generation = object.metadata.generation ?? 1;
    const replicas = object.spec?.replicas ?? 1;
    const stuck = (object.spec?.template?.spec?.containers ?? []).some((container) =>
      this.stuckImages.has(container.image ?? ''),
    );
    if (object.kind === 'Job') object.status = { succeeded: 1 };
    else if (object.kind === 'StatefulSet')
      object.status = {
        observedGeneration: generation,
        readyReplicas: stuck ? replicas - 1 : replicas,
        updatedReplicas: stuck ? 1 : replicas,
        currentRevision: 'r',
        updateRevision: 'r',
      };
    else if (stuck)
      object.status = {
        observedGeneration: generation,
        replicas: replicas + 1,
        updatedReplicas: 1,
        availableReplicas: replicas,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
      };
    else
      object.status = {
        observedGeneration: generation,
        replicas,
        updatedReplicas: replicas,
        availableReplicas: replicas,
        readyReplicas: replicas,
      };
    object.metadata.managedFields = [...(this.replicasOwners.get(key) ?? [])].map(
      (manager): ManagedFieldsEntry => ({
        manager,
        operation: manager === CONTROLLER ? 'Update' : 'Apply',
        fieldsV1: { 'f:spec': { 'f:replicas': {} } },
      }),
    );
    return object;
  }

  async create(object: KubeObject) {
    if (this.objects.has(refOf(object)))
      throw new KubernetesApiError(`${refOf(object)} already exists`, 409);
    const created = { ...object, metadata: { ...object.metadata, uid: refOf(object) } };
    this.objects.set(refOf(object), created);
    return created;
  }

  async delete(ref: ObjectRef, options: { uid?: string } = {}) {
    const existing = this.objects.get(refOf(ref));
    if (options.uid && existing && existing.metadata.uid !== options.uid)
      throw new KubernetesApiError(`${refOf(ref)}: precondition failed: uid`, 409);
    this.deleted.push(refOf(ref));
    this.objects.delete(refOf(ref));
    this.replicasOwners.delete(refOf(ref));
  }

  async list(_apiVersion: string, kind: string) {
    return [...this.objects.values()].filter((object) => object.kind === kind);
  }

  imageOf(name: string): string | undefined {
    return this.objects.get(`Deployment/${name}`)?.spec?.template?.spec?.containers?.[0]?.image;
  }
}
