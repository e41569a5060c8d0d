import { RolloutFailedError } from '../core/errors';
import type { Reporter } from '../core/reporter';
import type { KubeObject, KubernetesApi } from './kube';
import { deploymentRolloutState, jobState, type RolloutState } from './rollout-status';

export interface WaitTiming {
  timeoutMs: number;
  pollMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls an object until `state` says done or failed, printing each new message once. */
export async function waitFor(kube: KubernetesApi, object: KubeObject, state: (current: KubeObject) => RolloutState, timing: WaitTiming, reporter: Reporter): Promise<void> {
  const deadline = Date.now() + timing.timeoutMs;
  let said = '';
  for (;;) {
    const current = await kube.read(object);
    if (!current) throw new RolloutFailedError(`${object.kind} ${object.metadata.name} disappeared during the rollout`);
    const now = state(current);
    if (now.message !== said) reporter.progress((said = now.message));
    if (now.done) return;
    if (now.failed) throw new RolloutFailedError(now.message);
    if (Date.now() > deadline) throw new RolloutFailedError(`${object.metadata.name}: not rolled out after ${Math.round(timing.timeoutMs / 1000)}s (${now.message})`);
    await sleep(timing.pollMs);
  }
}

/**
 * Applies a migration Job and waits for it. A Job's pod template is immutable, so the
 * previous run (same name) is deleted first.
 */
export async function runJob(kube: KubernetesApi, job: KubeObject, timing: WaitTiming, reporter: Reporter): Promise<void> {
  if (await kube.read(job)) {
    await kube.delete(job);
    const gone = Date.now() + timing.timeoutMs;
    while ((await kube.read(job)) && Date.now() < gone) await sleep(timing.pollMs);
  }
  reporter.progress(`${job.metadata.name}: applying`);
  await kube.apply(job);
  await waitFor(kube, job, jobState, timing, reporter);
}

export async function rollDeployment(kube: KubernetesApi, deployment: KubeObject, timing: WaitTiming, reporter: Reporter): Promise<void> {
  reporter.progress(`${deployment.metadata.name}: applying`);
  await kube.apply(deployment);
  await waitFor(kube, deployment, deploymentRolloutState, timing, reporter);
}

/**
 * Puts a Deployment back as it was before this deploy: its previous pod template is applied
 * again (a new rollout to the old ReplicaSet's template), or, if it did not exist, it is deleted.
 */
export async function undoDeployment(kube: KubernetesApi, target: KubeObject, previous: KubeObject | undefined, timing: WaitTiming, reporter: Reporter): Promise<void> {
  if (!previous) {
    reporter.progress(`${target.metadata.name}: removing (it did not exist before)`);
    await kube.delete(target);
    return;
  }
  reporter.progress(`${target.metadata.name}: undoing (back to the previous template)`);
  await kube.apply({
    apiVersion: target.apiVersion,
    kind: target.kind,
    metadata: { name: target.metadata.name, namespace: target.metadata.namespace },
    spec: { ...stripped(target.spec), template: previous.spec?.template },
  });
  await waitFor(kube, target, deploymentRolloutState, timing, reporter).catch((error: Error) => reporter.warn(`undo of ${target.metadata.name} did not finish: ${error.message}`));
}

function stripped(spec: KubeObject['spec']): Record<string, unknown> {
  const { template: _template, ...rest } = spec ?? {};
  return rest;
}
