import { KubeObject, KustomizeError } from './types';

/**
 * The annotation on a Deployment (or a Job) naming the Job(s) that must complete before it
 * rolls (or runs).
 */
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
 * 3. migrations: Jobs (Jobs are immutable: delete an existing one, then wait until complete),
 *    each after the Jobs its after-job annotation names (the database roles before the
 *    migrations that log in with them);
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
    { name: 'migrations', wait: 'complete', objects: afterTheirJobs(take(['Job'])) },
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
    const jobs = o.kind === 'Deployment' ? jobsBefore(o) : [];
    if (jobs.length) gates.set(o.metadata.name, jobs);
  }
  return gates;
}

function jobsBefore(o: KubeObject): string[] {
  const value = o.metadata.annotations?.[AFTER_JOB_ANNOTATION];
  return value ? value.split(',').map((name) => name.trim()) : [];
}

/** Jobs in their rendered order, except that each comes after the Jobs it names. */
function afterTheirJobs(jobs: readonly KubeObject[]): KubeObject[] {
  const byName = new Map(jobs.map((job) => [job.metadata.name, job]));
  const placed = new Set<string>();
  const ordered: KubeObject[] = [];
  const place = (job: KubeObject, path: string[]) => {
    if (placed.has(job.metadata.name)) return;
    if (path.includes(job.metadata.name))
      throw new KustomizeError(
        `Jobs wait for each other: ${[...path, job.metadata.name].join(' -> ')}`,
      );
    for (const name of jobsBefore(job)) {
      const before = byName.get(name);
      if (before) place(before, [...path, job.metadata.name]);
    }
    placed.add(job.metadata.name);
    ordered.push(job);
  };
  for (const job of jobs) place(job, []);
  return ordered;
}
