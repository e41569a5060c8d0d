import { named, ofKind, OVERLAYS, PodTemplate, rendered, selects } from './support/rendered';
import { plainEnv, preStopSeconds } from './support/env';

interface DeploymentSpec {
  replicas: number;
  strategy: {
    type: string;
    rollingUpdate: { maxUnavailable: number | string; maxSurge: number | string };
  };
  selector: { matchLabels: Record<string, string> };
  template: PodTemplate;
}

const SERVICES = ['catalog', 'cart', 'order', 'storefront'];

describe.each(OVERLAYS)('availability in the %s overlay', (overlay) => {
  const objects = rendered(overlay);
  const deployments = ofKind(objects, 'Deployment').map(
    (d) => [d.metadata.name, d.spec as DeploymentSpec] as const,
  );

  it('runs one Deployment per service', () => {
    expect(deployments.map(([name]) => name).sort()).toEqual([...SERVICES].sort());
  });

  it.each(deployments)(
    '%s runs at least two replicas and rolls one extra pod at a time, never one fewer',
    (_n, spec) => {
      expect(spec.replicas).toBeGreaterThanOrEqual(2);
      expect(spec.strategy).toEqual({
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: 0, maxSurge: 1 },
      });
    },
  );

  it.each(deployments)('%s has startup, liveness and readiness probes', (_n, spec) => {
    for (const container of spec.template.spec.containers) {
      expect(container.startupProbe).toBeDefined();
      expect(container.livenessProbe).toBeDefined();
      expect(container.readinessProbe).toBeDefined();
    }
  });

  it.each(deployments)(
    '%s probes liveness on /healthz, which touches no dependency, and readiness on /readyz',
    (_n, spec) => {
      for (const container of spec.template.spec.containers) {
        // Liveness is an HTTP check of the process itself: no exec, no dependency's port.
        expect(container.livenessProbe).toEqual(
          expect.objectContaining({ httpGet: { path: '/healthz', port: 'http' } }),
        );
        expect(container.startupProbe?.httpGet?.path).toBe('/healthz');
        expect(container.readinessProbe?.httpGet?.path).toBe('/readyz');
        expect(container.readinessProbe?.httpGet?.path).not.toBe(
          container.livenessProbe?.httpGet?.path,
        );
        const ports = (container.ports ?? []).map((p) => p.name);
        expect(ports).toContain(container.livenessProbe?.httpGet?.port);
      }
    },
  );

  it.each(deployments)(
    '%s outlasts its preStop hook plus its drain budget before being killed',
    (_n, spec) => {
      const grace = spec.template.spec.terminationGracePeriodSeconds!;
      for (const container of spec.template.spec.containers) {
        const env = plainEnv(container, objects);
        const drainSeconds =
          (Number(env.SHUTDOWN_DELAY_MS ?? 0) + Number(env.SHUTDOWN_TIMEOUT_MS ?? 0)) / 1000;
        expect(preStopSeconds(container)).toBeGreaterThan(0);
        expect(grace).toBeGreaterThan(preStopSeconds(container) + drainSeconds);
      }
    },
  );

  it.each(deployments.filter(([name]) => name !== 'storefront'))(
    '%s is told its drain budget and delay explicitly',
    (_n, spec) => {
      const env = plainEnv(spec.template.spec.containers[0]!, objects);
      expect(Number(env.SHUTDOWN_TIMEOUT_MS)).toBeGreaterThan(0);
      expect(env.SHUTDOWN_DELAY_MS).toBeDefined();
    },
  );

  it.each(deployments)('%s prefers to spread its pods over nodes', (_n, spec) => {
    const preferred =
      spec.template.spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    expect(preferred).toHaveLength(1);
    const term = preferred![0]!.podAffinityTerm;
    expect(term.topologyKey).toBe('kubernetes.io/hostname');
    expect(term.labelSelector.matchLabels).toEqual(spec.selector.matchLabels);
  });

  it.each(deployments)(
    '%s has a PodDisruptionBudget that selects exactly its pods and allows a drain',
    (name, spec) => {
      const budgets = ofKind(objects, 'PodDisruptionBudget').filter((pdb) =>
        selects((pdb.spec as { selector: object }).selector, spec.template.metadata.labels),
      );
      expect(budgets.map((b) => b.metadata.name)).toEqual([name]);
      const budget = budgets[0]!.spec as {
        maxUnavailable?: number;
        selector: { matchLabels: object };
      };
      expect(budget.maxUnavailable).toBe(1);
      expect(budget.selector.matchLabels).toEqual(spec.selector.matchLabels);
    },
  );

  it.each(deployments)(
    '%s has an autoscaler that never goes below its replica count',
    (name, spec) => {
      const autoscalers = ofKind(objects, 'HorizontalPodAutoscaler').filter(
        (h) => (h.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name === name,
      );
      expect(autoscalers).toHaveLength(1);
      const hpa = autoscalers[0]!;
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      const hpaSpec = hpa.spec as {
        scaleTargetRef: object;
        minReplicas: number;
        maxReplicas: number;
        metrics: object[];
      };
      expect(hpaSpec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name });
      expect(hpaSpec.minReplicas).toBe(spec.replicas);
      expect(hpaSpec.maxReplicas).toBeGreaterThan(hpaSpec.minReplicas);
      expect(hpaSpec.metrics).toEqual([
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } },
        },
      ]);
    },
  );
});

describe('the production overlay', () => {
  const local = rendered('local');
  const production = rendered('production');

  it.each(SERVICES)('runs %s with more replicas and wider autoscaling than local', (name) => {
    const replicas = (objects: typeof local) =>
      (named(objects, 'Deployment', name).spec as DeploymentSpec).replicas;
    const bounds = (objects: typeof local) =>
      named(objects, 'HorizontalPodAutoscaler', name).spec as {
        minReplicas: number;
        maxReplicas: number;
      };
    expect(replicas(production)).toBeGreaterThan(replicas(local));
    expect(bounds(production).minReplicas).toBeGreaterThan(bounds(local).minReplicas);
    expect(bounds(production).maxReplicas).toBeGreaterThan(bounds(local).maxReplicas);
  });

  it('asks for more resources than the local overlay', () => {
    const request = (objects: typeof local) =>
      (named(objects, 'Deployment', 'catalog').spec as DeploymentSpec).template.spec.containers[0]!
        .resources!.requests!.cpu;
    expect(request(production)).toBe('100m');
    expect(request(local)).toBe('25m');
  });
});
