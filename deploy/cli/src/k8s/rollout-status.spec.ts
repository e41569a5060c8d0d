import type { KubeObject } from './kube';
import { deploymentRolloutState, jobState, statefulSetRolloutState } from './rollout-status';

const deployment = (
  generation: number,
  status: Record<string, unknown>,
  replicas = 3,
): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'catalog', generation },
  spec: { replicas },
  status,
});

/** The state of catalog at generation 2, its controller having observed it, with these replica counts. */
const observedWith = (updatedReplicas: number, replicas: number, availableReplicas: number) =>
  deploymentRolloutState(
    deployment(2, { observedGeneration: 2, updatedReplicas, replicas, availableReplicas }),
  );

describe('reading a Deployment rollout the way kubectl does', () => {
  it('waits until the controller has observed the new generation', () => {
    expect(
      deploymentRolloutState(
        deployment(2, {
          observedGeneration: 1,
          updatedReplicas: 3,
          replicas: 3,
          availableReplicas: 3,
        }),
      ),
    ).toMatchObject({
      done: false,
      failed: false,
      message: expect.stringContaining('spec update to be observed'),
    });
  });

  it('waits for new replicas to be updated, old ones to terminate, and updated ones to be available', () => {
    expect(observedWith(1, 4, 3).message).toBe('catalog: 1 of 3 new replicas updated');
    expect(observedWith(3, 4, 3).message).toBe('catalog: 1 old replicas pending termination');
    expect(observedWith(3, 3, 2).message).toBe('catalog: 2 of 3 updated replicas available');
  });

  it('is done when every replica is updated and available', () => {
    expect(observedWith(3, 3, 3)).toEqual({
      done: true,
      message: 'catalog: successfully rolled out',
    });
  });

  it('fails when the progress deadline is exceeded', () => {
    const stuck = deployment(2, {
      observedGeneration: 2,
      updatedReplicas: 1,
      replicas: 4,
      availableReplicas: 3,
      conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }],
    });
    expect(deploymentRolloutState(stuck)).toEqual({
      done: false,
      failed: true,
      message: 'catalog: exceeded its progress deadline',
    });
  });

  it('reads a migration Job as done once it succeeded, failed once its Failed condition is set', () => {
    const job = (status: Record<string, unknown>): KubeObject => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'catalog-migrate' },
      status,
    });
    expect(jobState(job({ active: 1 })).done).toBe(false);
    expect(jobState(job({ succeeded: 1 })).done).toBe(true);
    expect(
      jobState(
        job({ conditions: [{ type: 'Failed', status: 'True', message: 'BackoffLimitExceeded' }] }),
      ),
    ).toMatchObject({ failed: true, message: 'catalog-migrate: failed: BackoffLimitExceeded' });
  });
});

const statefulSet = (
  generation: number,
  status: Record<string, unknown>,
  updateStrategy?: Record<string, unknown>,
): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'postgres', generation },
  spec: { replicas: 3, ...(updateStrategy ? { updateStrategy } : {}) },
  status,
});

describe('reading a StatefulSet rollout the way kubectl does', () => {
  const rolling = { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };

  it('waits until the controller has observed the new generation', () => {
    expect(
      statefulSetRolloutState(
        statefulSet(2, { observedGeneration: 1, readyReplicas: 3, updatedReplicas: 3 }, rolling),
      ).message,
    ).toBe('postgres: waiting for the statefulset spec update to be observed');
    expect(statefulSetRolloutState(statefulSet(1, {}, rolling)).done).toBe(false);
  });

  it('waits for every replica to be ready, then for the pods from the partition up to be updated', () => {
    expect(
      statefulSetRolloutState(
        statefulSet(2, { observedGeneration: 2, readyReplicas: 2, updatedReplicas: 3 }, rolling),
      ).message,
    ).toBe('postgres: waiting for 1 pods to be ready');
    expect(
      statefulSetRolloutState(
        statefulSet(2, { observedGeneration: 2, readyReplicas: 3, updatedReplicas: 2 }, rolling),
      ).message,
    ).toBe('postgres: waiting for partitioned roll out to finish: 2 of 3 new pods updated');
    expect(
      statefulSetRolloutState(
        statefulSet(2, { observedGeneration: 2, readyReplicas: 3, updatedReplicas: 3 }, rolling),
      ),
    ).toEqual({ done: true, message: 'postgres: successfully rolled out (3 pods updated)' });
  });

  it('is done with a partition once the pods at or above it run the new revision', () => {
    const partitioned = { type: 'RollingUpdate', rollingUpdate: { partition: 2 } };
    expect(
      statefulSetRolloutState(
        statefulSet(
          2,
          { observedGeneration: 2, readyReplicas: 3, updatedReplicas: 0 },
          partitioned,
        ),
      ).done,
    ).toBe(false);
    expect(
      statefulSetRolloutState(
        statefulSet(
          2,
          { observedGeneration: 2, readyReplicas: 3, updatedReplicas: 1 },
          partitioned,
        ),
      ),
    ).toMatchObject({
      done: true,
      message: expect.stringContaining('partitioned roll out complete: 1 new pods updated'),
    });
  });

  it('compares revisions when the strategy states no rolling update parameters', () => {
    expect(
      statefulSetRolloutState(
        statefulSet(2, {
          observedGeneration: 2,
          readyReplicas: 3,
          updatedReplicas: 1,
          currentRevision: 'postgres-a',
          updateRevision: 'postgres-b',
        }),
      ).message,
    ).toBe('postgres: waiting for the rolling update to complete: 1 pods at revision postgres-b');
    expect(
      statefulSetRolloutState(
        statefulSet(2, {
          observedGeneration: 2,
          readyReplicas: 3,
          currentReplicas: 3,
          currentRevision: 'postgres-b',
          updateRevision: 'postgres-b',
        }),
      ).done,
    ).toBe(true);
  });

  it('does not wait on OnDelete, and says why', () => {
    expect(
      statefulSetRolloutState(statefulSet(2, { observedGeneration: 1 }, { type: 'OnDelete' })),
    ).toMatchObject({
      done: true,
      warning: true,
      message: expect.stringContaining(
        'only available for the RollingUpdate strategy (this one is OnDelete',
      ),
    });
  });
});
