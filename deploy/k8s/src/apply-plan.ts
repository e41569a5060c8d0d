import { KubeObject } from './types';

/** The annotation on a Deployment naming the Job(s) that must complete before it rolls. */
export const AFTER_JOB_ANNOTATION = 'portside.dev/after-job';

export type ApplyWait = 'none' | 'ready' | 'complete' | 'rollout';

/** One step of a deploy: apply these objects, then wait on them as stated. */
export interface ApplyStep {
  name: 'foundation' | 'data' | 'migrations' | 'workloads' | 'routing';
  wait: ApplyWait;
  objects: KubeObject[];
}

/**
 * Splits rendered objects into the order a deploy tool applies them:
 * 1. foundation: namespace, accounts, config, Secrets, Services, policies, budgets (no wait);
 * 2. data: StatefulSets (wait until ready);
 * 3. migrations: Jobs (Jobs are immutable: delete an existing one, then wait until complete);
 * 4. workloads: Deployments (wait for each rollout), then their autoscalers;
 * 5. routing: Ingresses, once something answers behind them.
 * `kubectl apply -k` applies everything at once instead; the manifests are
 * built to converge either way (see the README).
 */
export function planApply(objects: readonly KubeObject[]): ApplyStep[] {
  const take = (kinds: string[]) => objects.filter((o) => kinds.includes(o.kind));
  const staged = ['StatefulSet', 'Job', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress'];
  return [
    { name: 'foundation', wait: 'none', objects: objects.filter((o) => !staged.includes(o.kind)) },
    { name: 'data', wait: 'ready', objects: take(['StatefulSet']) },
    { name: 'migrations', wait: 'complete', objects: take(['Job']) },
    {
      name: 'workloads',
      wait: 'rollout',
      objects: take(['Deployment', 'HorizontalPodAutoscaler']),
    },
    { name: 'routing', wait: 'none', objects: take(['Ingress']) },
  ];
}

/** Deployment name -> the Jobs it waits for, from the after-job annotation. */
export function migrationGates(objects: readonly KubeObject[]): Map<string, string[]> {
  const gates = new Map<string, string[]>();
  for (const o of objects) {
    const value =
      o.kind === 'Deployment' ? o.metadata.annotations?.[AFTER_JOB_ANNOTATION] : undefined;
    if (value)
      gates.set(
        o.metadata.name,
        value.split(',').map((name) => name.trim()),
      );
  }
  return gates;
}
