import { migrationGates } from '../src';
import {
  allContainers,
  id,
  named,
  ofKind,
  OVERLAYS,
  podSpecOf,
  podTemplates,
  rendered,
  selects,
} from './support/rendered';
import { plainEnv } from './support/env';

interface ServiceSpec {
  selector: Record<string, string>;
  clusterIP?: string;
  ports: { name: string; port: number; targetPort: number | string }[];
}

describe.each(OVERLAYS)('how the objects of the %s overlay fit together', (overlay) => {
  const objects = rendered(overlay);
  const pods = podTemplates(objects);
  const services = ofKind(objects, 'Service').map(
    (s) => [s.metadata.name, s.spec as ServiceSpec] as const,
  );

  it.each(pods.map(({ owner, template }) => [id(owner), owner, template] as const))(
    '%s selects its own pod template',
    (_id, owner, template) => {
      const selector = (owner.spec as { selector?: { matchLabels: Record<string, string> } })
        .selector;
      // Jobs generate their selector; controllers must state one that their pods match.
      if (owner.kind === 'Job') expect(selector).toBeUndefined();
      else expect(selects(selector, template.metadata.labels)).toBe(true);
    },
  );

  it('gives no two controllers pods the other one selects', () => {
    for (const { owner } of pods.filter((p) => p.owner.kind !== 'Job')) {
      const selector = (owner.spec as { selector: object }).selector;
      const claimed = pods.filter(({ template }) => selects(selector, template.metadata.labels));
      expect(claimed.map((p) => id(p.owner))).toEqual([id(owner)]);
    }
  });

  it.each(services)(
    'Service %s targets running pods, never a migration Job, on a port they expose',
    (_name, spec) => {
      const targets = pods.filter(({ template }) =>
        selects({ matchLabels: spec.selector }, template.metadata.labels),
      );
      expect(targets).toHaveLength(1);
      expect(['Deployment', 'StatefulSet']).toContain(targets[0]!.owner.kind);
      const ports = targets[0]!.template.spec.containers.flatMap((c) => c.ports ?? []);
      for (const port of spec.ports) {
        const target = ports.find(
          (p) => p.name === port.targetPort || p.containerPort === port.targetPort,
        );
        expect(target).toBeDefined();
      }
    },
  );

  it.each(ofKind(objects, 'NetworkPolicy').map((p) => [p.metadata.name, p] as const))(
    'NetworkPolicy %s applies to pods that exist',
    (_name, policy) => {
      const selector = (policy.spec as { podSelector: object }).podSelector;
      expect(pods.some(({ template }) => selects(selector, template.metadata.labels))).toBe(true);
    },
  );

  it.each(ofKind(objects, 'HorizontalPodAutoscaler').map((h) => [h.metadata.name, h] as const))(
    'autoscaler %s scales a Deployment that exists',
    (_name, hpa) => {
      const target = (hpa.spec as { scaleTargetRef: { kind: string; name: string } })
        .scaleTargetRef;
      expect(named(objects, target.kind, target.name)).toBeDefined();
    },
  );

  it.each(pods.map(({ owner, template }) => [id(owner), template] as const))(
    '%s probes ports its containers expose',
    (_id, template) => {
      for (const container of template.spec.containers) {
        const names = (container.ports ?? []).flatMap((p) => [p.name, p.containerPort]);
        for (const probe of [
          container.startupProbe,
          container.livenessProbe,
          container.readinessProbe,
        ]) {
          const port = probe?.httpGet?.port ?? probe?.tcpSocket?.port;
          if (port !== undefined) expect(names).toContain(port);
        }
      }
    },
  );

  it('sends each /api prefix straight to the service that owns it, the rest to the storefront, on ports their Services have', () => {
    type Backend = { service: { name: string; port: { name?: string; number?: number } } };
    const paths = ofKind(objects, 'Ingress').flatMap((ingress) => {
      const spec = ingress.spec as {
        ingressClassName: string;
        rules: { http: { paths: { path: string; pathType: string; backend: Backend }[] } }[];
      };
      expect(spec.ingressClassName).toBe('nginx');
      return spec.rules.flatMap((r) => r.http.paths);
    });
    expect(Object.fromEntries(paths.map((p) => [p.path, p.backend.service.name]))).toEqual({
      '/api/products': 'catalog',
      '/api/categories': 'catalog',
      '/api/images': 'catalog',
      '/api/carts': 'cart',
      '/api/orders': 'order',
      '/': 'storefront',
    });
    expect(paths).toHaveLength(6);
    for (const { pathType, backend } of paths) {
      expect(pathType).toBe('Prefix');
      const target = named(objects, 'Service', backend.service.name).spec as ServiceSpec;
      expect(
        target.ports.some(
          (p) => p.name === backend.service.port.name || p.port === backend.service.port.number,
        ),
      ).toBe(true);
    }
  });

  it.each(pods.map(({ owner, template }) => [id(owner), template] as const))(
    '%s runs under a ServiceAccount that exists and mounts ConfigMaps that exist',
    (_id, template) => {
      expect(named(objects, 'ServiceAccount', template.spec.serviceAccountName!)).toBeDefined();
      for (const volume of template.spec.volumes ?? []) {
        if (volume.configMap)
          expect(named(objects, 'ConfigMap', volume.configMap.name)).toBeDefined();
      }
      for (const container of allContainers(template.spec)) {
        expect(() => plainEnv(container, objects)).not.toThrow();
      }
    },
  );

  it.each(['catalog', 'cart', 'order'])(
    '%s listens where its Service and its callers expect',
    (name) => {
      const container = podSpecOf(named(objects, 'Deployment', name)).containers[0]!;
      const port = container.ports![0]!.containerPort;
      expect(Number(plainEnv(container, objects).PORT)).toBe(port);
      const service = named(objects, 'Service', name).spec as ServiceSpec;
      for (const caller of ['cart', 'order']) {
        const callerContainer = podSpecOf(named(objects, 'Deployment', caller)).containers[0]!;
        const url = plainEnv(callerContainer, objects)[`${name.toUpperCase()}_URL`];
        if (url) expect(url).toBe(`http://${name}:${service.ports[0]!.port}`);
      }
    },
  );

  it.each([
    ['CATALOG_UPSTREAM', 'catalog'],
    ['CART_UPSTREAM', 'cart'],
    ['ORDER_UPSTREAM', 'order'],
  ])('points the edge %s at the %s Service by its fully qualified name', (variable, name) => {
    const edge = podSpecOf(named(objects, 'Deployment', 'storefront')).containers[0]!;
    const service = named(objects, 'Service', name);
    const port = (service.spec as ServiceSpec).ports[0]!.port;
    // nginx's own resolver does not apply resolv.conf's search domains.
    expect(plainEnv(edge, objects)[variable]).toBe(
      `${name}.${service.metadata.namespace}.svc.cluster.local:${port}`,
    );
  });

  it('gates catalog and order on the migration Job of their database', () => {
    expect(Object.fromEntries(migrationGates(objects))).toEqual({
      catalog: ['catalog-migrate'],
      order: ['orders-migrate'],
    });
  });

  it.each([
    ['catalog', 'catalog-migrate', 'catalog-database-owner'],
    ['order', 'orders-migrate', 'orders-database-owner'],
  ])(
    '%s migrates with its own image, against its own database, in the Job and before each pod',
    (name, jobName, secret) => {
      const job = named(objects, 'Job', jobName);
      const jobSpec = job.spec as { backoffLimit: number; ttlSecondsAfterFinished: number };
      expect(jobSpec.backoffLimit).toBeGreaterThan(0);
      expect(jobSpec.ttlSecondsAfterFinished).toBeGreaterThan(0);
      expect(podSpecOf(job).restartPolicy).toBe('Never');
      const pod = podSpecOf(named(objects, 'Deployment', name));
      for (const migration of [podSpecOf(job).containers[0]!, pod.initContainers![0]!]) {
        expect(migration.image).toBe(pod.containers[0]!.image);
        expect(migration.command).toEqual(['node', 'dist/migrate.js']);
        const databaseUrl = migration.env?.find((e) => e.name === 'DATABASE_URL');
        expect(databaseUrl?.valueFrom?.secretKeyRef?.name).toBe(secret);
      }
    },
  );
});

describe('the local overlay', () => {
  const objects = rendered('local');

  it('seeds demo products in the catalog Job only, never in the pods', () => {
    const job = podSpecOf(named(objects, 'Job', 'catalog-migrate'));
    const pod = podSpecOf(named(objects, 'Deployment', 'catalog'));
    expect(job.containers[0]!.args).toBeUndefined();
    expect(pod.initContainers![0]!.args).toEqual(['--no-seed']);
  });

  it.each(['postgres', 'redis'])('keeps %s on a volume behind a headless Service', (name) => {
    const set = named(objects, 'StatefulSet', name).spec as {
      serviceName: string;
      volumeClaimTemplates: { metadata: { name: string } }[];
      template: { spec: { containers: { volumeMounts: { name: string }[] }[] } };
    };
    expect(set.serviceName).toBe(name);
    expect((named(objects, 'Service', name).spec as ServiceSpec).clusterIP).toBe('None');
    const claim = set.volumeClaimTemplates[0]!.metadata.name;
    expect(set.template.spec.containers[0]!.volumeMounts.map((m) => m.name)).toContain(claim);
  });
});

describe('the production overlay', () => {
  it('runs no database or cache of its own', () => {
    expect(ofKind(rendered('production'), 'StatefulSet')).toEqual([]);
  });

  it('serves the public host name over TLS on every Ingress', () => {
    const ingresses = ofKind(rendered('production'), 'Ingress');
    expect(ingresses).toHaveLength(4);
    for (const ingress of ingresses) {
      const spec = ingress.spec as {
        rules: { host: string }[];
        tls: { hosts: string[]; secretName: string }[];
      };
      expect(spec.tls[0]!.hosts).toEqual([spec.rules[0]!.host]);
    }
  });
});
