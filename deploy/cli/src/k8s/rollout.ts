import { RolloutFailedError } from '../core/errors';
import { interruption } from '../core/interrupt';
import type { Reporter } from '../core/reporter';
import { isTransient, refOf, type KubeObject, type KubernetesApi } from './kube';
import {
  deploymentRolloutState,
  jobState,
  statefulSetRolloutState,
  type RolloutState,
} from './rollout-status';

export interface WaitTiming {
  /** Per workload; unset, a Deployment gets its own progress deadline plus a margin, as kubectl waits. */
  timeoutMs?: number;
  pollMs: number;
}

const DEFAULT_WAIT_MS = 300_000;

/**
 * How long to wait for one workload. A Deployment reports ProgressDeadlineExceeded by itself
 * after progressDeadlineSeconds (600 by default); waiting less would give up on a rollout the
 * cluster still considers progressing.
 */
export function waitLimitMs(object: KubeObject, timing: WaitTiming): number {
  if (timing.timeoutMs !== undefined) return timing.timeoutMs;
  if (object.kind !== 'Deployment') return DEFAULT_WAIT_MS;
  const deadline =
    (object.spec as { progressDeadlineSeconds?: number } | undefined)?.progressDeadlineSeconds ??
    600;
  return (deadline + 30) * 1000;
}

const sleep = (ms: number) => interruption.sleep(ms);

/** How each kind of workload is judged rolled out. */
const ROLLOUT_STATE: Record<string, (current: KubeObject) => RolloutState> = {
  Deployment: deploymentRolloutState,
  StatefulSet: statefulSetRolloutState,
  Job: jobState,
};

/**
 * Polls an object until `state` says done or failed, printing each new message once. A read the
 * API server fails transiently (unreachable, 429, 5xx) is tried again until the deadline: a
 * blip of the control plane is not a failed rollout.
 */
export async function waitFor(
  kube: KubernetesApi,
  object: KubeObject,
  state: (current: KubeObject) => RolloutState,
  timing: WaitTiming,
  reporter: Reporter,
): Promise<void> {
  const limitMs = waitLimitMs(object, timing);
  const deadline = Date.now() + limitMs;
  let said = '';
  for (;;) {
    const current = await kube.read(object).catch((error: unknown) => {
      if (!isTransient(error) || Date.now() > deadline) throw error;
      reporter.warn(
        `${object.metadata.name}: reading its status failed (${(error as Error).message}); trying again`,
      );
      return null;
    });
    if (current === undefined)
      throw new RolloutFailedError(
        `${object.kind} ${object.metadata.name} disappeared during the rollout`,
      );
    if (current) {
      const now = state(current);
      if (now.message !== said) {
        said = now.message;
        if (now.done && now.warning) reporter.warn(said);
        else reporter.progress(said);
      }
      if (now.done) return;
      if (now.failed) throw new RolloutFailedError(now.message);
      if (Date.now() > deadline)
        throw new RolloutFailedError(
          `${object.metadata.name}: not rolled out after ${Math.round(limitMs / 1000)}s (${now.message})`,
        );
    }
    await sleep(timing.pollMs);
  }
}

/**
 * Applies a migration Job and waits for it. A Job's pod template is immutable, so the
 * previous run (same name) is deleted first, and must be gone before the new one is applied:
 * applying onto a Job still being deleted would read its old success as this run's.
 */
export async function runJob(
  kube: KubernetesApi,
  job: KubeObject,
  timing: WaitTiming,
  reporter: Reporter,
): Promise<void> {
  if (await kube.read(job)) {
    reporter.progress(`${job.metadata.name}: deleting the previous run`);
    await kube.delete(job);
    const gone = Date.now() + waitLimitMs(job, timing);
    while (await kube.read(job)) {
      if (Date.now() > gone)
        throw new RolloutFailedError(
          `${job.metadata.name}: the previous run is still being deleted after ${Math.round(waitLimitMs(job, timing) / 1000)}s`,
        );
      await sleep(timing.pollMs);
    }
  }
  reporter.progress(`${job.metadata.name}: applying`);
  await kube.apply(job);
  await waitFor(kube, job, jobState, timing, reporter);
}

/** Waits for an applied Deployment or StatefulSet as `kubectl rollout status` would. */
export async function waitForRollout(
  kube: KubernetesApi,
  workload: KubeObject,
  timing: WaitTiming,
  reporter: Reporter,
): Promise<void> {
  await waitFor(kube, workload, rolloutState(workload), timing, reporter);
}

const rolloutState = (workload: KubeObject) => {
  const state = ROLLOUT_STATE[workload.kind];
  if (!state) throw new Error(`no rollout reading for ${refOf(workload)}`);
  return state;
};

/**
 * Puts a Deployment back as it was before this deploy: its previous pod template is applied
 * again (a new rollout to the old ReplicaSet's template), or, if it did not exist, it is deleted.
 * `applied` is what this deploy applied, so the fields it left out (replicas an HPA owns) stay out.
 */
export async function undoDeployment(
  kube: KubernetesApi,
  applied: KubeObject,
  previous: KubeObject | undefined,
  timing: WaitTiming,
  reporter: Reporter,
): Promise<void> {
  await interruption.uninterrupted(() => putBack(kube, applied, previous, timing, reporter));
}

async function putBack(
  kube: KubernetesApi,
  applied: KubeObject,
  previous: KubeObject | undefined,
  timing: WaitTiming,
  reporter: Reporter,
): Promise<void> {
  if (!previous) {
    reporter.progress(`${applied.metadata.name}: removing (it did not exist before)`);
    await kube.delete(applied);
    return;
  }
  reporter.progress(`${applied.metadata.name}: undoing (back to the previous template)`);
  await kube.apply({
    apiVersion: applied.apiVersion,
    kind: applied.kind,
    metadata: { name: applied.metadata.name, namespace: applied.metadata.namespace },
    spec: { ...stripped(applied.spec), template: previous.spec?.template },
  });
  await waitFor(kube, applied, rolloutState(applied), timing, reporter).catch((error: Error) =>
    reporter.warn(`undo of ${applied.metadata.name} did not finish: ${error.message}`),
  );
}

function stripped(spec: KubeObject['spec']): Record<string, unknown> {
  const { template: _template, ...rest } = spec ?? {};
  return rest;
}
