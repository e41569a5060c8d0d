/**
 * The stand-in's controllers: each read of a Deployment, StatefulSet or Job advances it one step,
 * as a cluster's controllers would between two polls. Images listed as stuck never get ready:
 * a Deployment then reports ProgressDeadlineExceeded, a StatefulSet stays short of ready pods.
 */

export type StoredObject = {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown> & { name: string; namespace?: string; generation?: number };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
  [key: string]: unknown;
};

interface Pod {
  revision: string;
  ready: boolean;
  stuck: boolean;
}

export class Controllers {
  /** Reads since the last spec change, per object. */
  private readonly steps = new Map<string, number>();
  /** A StatefulSet's pods by ordinal. */
  private readonly pods = new Map<string, Pod[]>();

  constructor(
    private readonly stuckImages: Set<string>,
    /** Images whose Deployments keep progressing without ever finishing (a rollout in flight). */
    private readonly slowImages: Set<string> = new Set(),
  ) {}

  /** The spec changed: the controller has not seen it yet. */
  specChanged(key: string) {
    this.steps.set(key, 0);
  }

  forget(key: string) {
    this.steps.delete(key);
    this.pods.delete(key);
  }

  reconcile(key: string, object: StoredObject) {
    const step = (this.steps.get(key) ?? 0) + 1;
    this.steps.set(key, step);
    if (object.kind === 'Job')
      object.status =
        step >= 2
          ? { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] }
          : { active: 1 };
    else if (step === 1)
      return; // the new generation is not observed yet
    else if (object.kind === 'Deployment') this.deployment(object, step);
    else if (object.kind === 'StatefulSet') this.statefulSet(key, object);
  }

  private stuck(object: StoredObject, images = this.stuckImages) {
    const containers =
      (object.spec?.template as { spec?: { containers?: { image: string }[] } })?.spec
        ?.containers ?? [];
    return containers.some((container) => images.has(container.image));
  }

  private deployment(object: StoredObject, step: number) {
    const generation = object.metadata.generation ?? 1;
    const desired = (object.spec?.replicas as number | undefined) ?? 1;
    const previous = object.status ?? {};
    if (this.stuck(object)) {
      object.status = {
        observedGeneration: generation,
        replicas: desired + 1,
        updatedReplicas: 1,
        availableReplicas: (previous.availableReplicas as number | undefined) ?? 0,
        readyReplicas: (previous.readyReplicas as number | undefined) ?? 0,
        conditions: [
          {
            type: 'Progressing',
            status: 'False',
            reason: 'ProgressDeadlineExceeded',
            message: `ReplicaSet "${object.metadata.name}" has timed out progressing.`,
          },
        ],
      };
      return;
    }
    if (this.stuck(object, this.slowImages)) {
      object.status = {
        observedGeneration: generation,
        replicas: desired + 1,
        updatedReplicas: 1,
        conditions: [{ type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' }],
      };
      return;
    }
    const updated = Math.min(desired, step - 1);
    const rolledOut = updated === desired && step >= desired + 2;
    object.status = {
      observedGeneration: generation,
      replicas: rolledOut ? desired : desired + 1,
      updatedReplicas: updated,
      availableReplicas: rolledOut ? desired : Math.max(0, updated - 1),
      readyReplicas: rolledOut ? desired : Math.max(0, updated - 1),
      conditions: [
        {
          type: 'Progressing',
          status: 'True',
          reason: rolledOut ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated',
        },
      ],
    };
  }

  /**
   * OrderedReady pods, one change per step: a pod made in the last step gets ready (unless its
   * image is stuck); then, with every pod ready, a missing pod is created, or under RollingUpdate
   * the highest ordinal at or above the partition still on an old revision is replaced.
   */
  private statefulSet(key: string, object: StoredObject) {
    const desired = (object.spec?.replicas as number | undefined) ?? 1;
    const strategy = object.spec?.updateStrategy as
      { type?: string; rollingUpdate?: { partition?: number } } | undefined;
    const partition = strategy?.rollingUpdate?.partition ?? 0;
    const updateRevision = `${object.metadata.name}-${hash(JSON.stringify(object.spec?.template))}`;
    const previous = object.status ?? {};
    const currentRevision = (previous.currentRevision as string | undefined) ?? updateRevision;
    const pods = this.pods.get(key) ?? [];
    this.pods.set(key, pods);
    for (const pod of pods) pod.ready ||= !pod.stuck;
    pods.splice(desired);
    const fresh = (revision: string): Pod => ({
      revision,
      ready: false,
      stuck: revision === updateRevision && this.stuck(object),
    });
    if (pods.every((pod) => pod.ready)) {
      const outdated = pods
        .map((pod, ordinal) => ({ pod, ordinal }))
        .filter(({ pod, ordinal }) => ordinal >= partition && pod.revision !== updateRevision);
      if (pods.length < desired)
        pods.push(fresh(pods.length >= partition ? updateRevision : currentRevision));
      else if (strategy?.type !== 'OnDelete' && outdated.length > 0)
        pods[(outdated.at(-1) as { ordinal: number }).ordinal] = fresh(updateRevision);
    }
    const updated = pods.filter((pod) => pod.revision === updateRevision).length;
    const current = updated === desired ? updateRevision : currentRevision;
    object.status = {
      observedGeneration: object.metadata.generation ?? 1,
      replicas: pods.length,
      readyReplicas: pods.filter((pod) => pod.ready).length,
      availableReplicas: pods.filter((pod) => pod.ready).length,
      updatedReplicas: updated,
      currentReplicas: pods.filter((pod) => pod.revision === current).length,
      currentRevision: current,
      updateRevision,
    };
  }
}

function hash(text: string): string {
  let value = 0;
  for (const char of text) value = (Math.imul(value, 31) + char.charCodeAt(0)) >>> 0;
  return value.toString(16).padStart(8, '0').slice(0, 8);
}
