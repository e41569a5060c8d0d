import type { KubeObject } from './kube';
import { deploymentRolloutState, jobState } from './rollout-status';

const deployment = (generation: number, status: Record<string, unknown>, replicas = 3): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'catalog', generation },
  spec: { replicas },
  status,
});

describe('reading a Deployment rollout the way kubectl does', () => {
  it('waits until the controller has observed the new generation', () => {
    expect(deploymentRolloutState(deployment(2, { observedGeneration: 1, updatedReplicas: 3, replicas: 3, availableReplicas: 3 }))).toMatchObject({ done: false, failed: false, message: expect.stringContaining('spec update to be observed') });
  });

  it('waits for new replicas to be updated, old ones to terminate, and updated ones to be available', () => {
    expect(deploymentRolloutState(deployment(2, { observedGeneration: 2, updatedReplicas: 1, replicas: 4, availableReplicas: 3 })).message).toBe('catalog: 1 of 3 new replicas updated');
    expect(deploymentRolloutState(deployment(2, { observedGeneration: 2, updatedReplicas: 3, replicas: 4, availableReplicas: 3 })).message).toBe('catalog: 1 old replicas pending termination');
    expect(deploymentRolloutState(deployment(2, { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 2 })).message).toBe('catalog: 2 of 3 updated replicas available');
  });

  it('is done when every replica is updated and available', () => {
    expect(deploymentRolloutState(deployment(2, { observedGeneration: 2, updatedReplicas: 3, replicas: 3, availableReplicas: 3 }))).toEqual({ done: true, message: 'catalog: successfully rolled out' });
  });

  it('fails when the progress deadline is exceeded', () => {
    const stuck = deployment(2, { observedGeneration: 2, updatedReplicas: 1, replicas: 4, availableReplicas: 3, conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }] });
    expect(deploymentRolloutState(stuck)).toEqual({ done: false, failed: true, message: 'catalog: exceeded its progress deadline' });
  });

  it('reads a migration Job as done once it succeeded, failed once its Failed condition is set', () => {
    const job = (status: Record<string, unknown>): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'catalog-migrate' }, status });
    expect(jobState(job({ active: 1 })).done).toBe(false);
    expect(jobState(job({ succeeded: 1 })).done).toBe(true);
    expect(jobState(job({ conditions: [{ type: 'Failed', status: 'True', message: 'BackoffLimitExceeded' }] }))).toMatchObject({ failed: true, message: 'catalog-migrate: failed: BackoffLimitExceeded' });
  });
});
