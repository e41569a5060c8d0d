import {
  migrationGates,
  overlayDir,
  planApply,
  renderKustomization,
  renderKustomizationYaml,
} from '../src';
import { id, OVERLAYS, rendered } from './support/rendered';

describe.each(OVERLAYS)('deploying the %s overlay', (overlay) => {
  const objects = rendered(overlay);
  const steps = planApply(objects);
  const stepOf = (kind: string, name: string) =>
    steps.findIndex((s) => s.objects.some((o) => o.kind === kind && o.metadata.name === name));

  it('renders the same YAML every time', () => {
    expect(renderKustomizationYaml(overlayDir(overlay))).toBe(
      renderKustomizationYaml(overlayDir(overlay)),
    );
  });

  it('puts the namespace, accounts and configuration before what uses them', () => {
    const order = objects.map(id);
    expect(order[0]).toBe('Namespace/portside');
    const firstDeployment = order.findIndex((o) => o.startsWith('Deployment/'));
    for (const kind of ['ServiceAccount', 'ConfigMap', 'Service']) {
      expect(order.findIndex((o) => o.startsWith(`${kind}/`))).toBeLessThan(firstDeployment);
    }
  });

  it('applies every object exactly once', () => {
    expect(steps.flatMap((s) => s.objects.map(id)).sort()).toEqual(objects.map(id).sort());
  });

  it('completes each migration Job before the Deployment it gates rolls out', () => {
    const gates = migrationGates(objects);
    expect(gates.size).toBe(2);
    for (const [deployment, jobs] of gates) {
      for (const job of jobs) {
        expect(steps[stepOf('Job', job)]!.wait).toBe('complete');
        expect(stepOf('Job', job)).toBeLessThan(stepOf('Deployment', deployment));
      }
    }
  });

  it('waits for data stores to be ready before migrating, and routes traffic last', () => {
    expect(steps.map((s) => [s.name, s.wait])).toEqual([
      ['foundation', 'none'],
      ['data', 'ready'],
      ['migrations', 'complete'],
      ['workloads', 'rollout'],
      ['routing', 'none'],
    ]);
    expect(stepOf('Ingress', 'storefront')).toBe(steps.length - 1);
  });
});

describe('Jobs that wait for other Jobs', () => {
  const job = (name: string, after?: string) => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, ...(after ? { annotations: { 'portside.dev/after-job': after } } : {}) },
  });
  const jobsOf = (objects: ReturnType<typeof job>[]) =>
    planApply(objects)
      .find((step) => step.name === 'migrations')!
      .objects.map((o) => o.metadata.name);

  it('run after the Jobs their after-job annotation names, otherwise in rendered order', () => {
    expect(jobsOf([job('a-migrate', 'z-roles'), job('b-other'), job('z-roles')])).toEqual([
      'z-roles',
      'a-migrate',
      'b-other',
    ]);
  });

  it('that wait for each other are refused, naming the cycle', () => {
    expect(() => jobsOf([job('a', 'b'), job('b', 'a')])).toThrow(/a -> b -> a/);
  });
});

describe('rendering', () => {
  it('does not depend on the caller: rendering returns fresh objects each time', () => {
    const first = renderKustomization(overlayDir('local'));
    first[0]!.metadata.name = 'changed';
    expect(renderKustomization(overlayDir('local'))[0]!.metadata.name).toBe('portside');
  });
});
