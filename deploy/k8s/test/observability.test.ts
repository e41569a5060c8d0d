import { named, rendered, type Container } from './support/rendered';
import { allowedConnections, Peer, podPeers } from './support/network';

/* The observability component, as the local-observability overlay applies it. */
const MONITORING = {
  'kubernetes.io/metadata.name': 'monitoring',
  'portside.dev/monitoring': 'true',
};
const PROMETHEUS: Peer = {
  id: 'prometheus',
  namespace: 'monitoring',
  namespaceLabels: MONITORING,
  labels: { 'app.kubernetes.io/name': 'prometheus' },
  ports: [{ port: 9090, protocol: 'TCP' }],
};
const COLLECTOR: Peer = {
  id: 'otel-collector',
  namespace: 'monitoring',
  namespaceLabels: MONITORING,
  labels: { 'app.kubernetes.io/name': 'otel-collector' },
  ports: [{ port: 4318, protocol: 'TCP' }],
};
const STRANGER: Peer = {
  id: 'stranger',
  namespace: 'default',
  namespaceLabels: { 'kubernetes.io/metadata.name': 'default' },
  labels: { 'app.kubernetes.io/name': 'prometheus' },
  ports: [{ port: 4318, protocol: 'TCP' }],
};
const SERVICES = [
  ['catalog', 3001],
  ['cart', 3002],
  ['order', 3003],
] as const;

describe('the observability component', () => {
  const observed = rendered('local-observability');
  const plain = rendered('local');

  it.each(SERVICES)('sends %s traces over OTLP and marks its pods for scraping', (name, port) => {
    const deployment = named(observed, 'Deployment', name);
    const template = (
      deployment.spec as {
        template: {
          metadata: { annotations?: Record<string, string> };
          spec: { containers: Container[] };
        };
      }
    ).template;
    expect(template.metadata.annotations).toMatchObject({
      'prometheus.io/scrape': 'true',
      'prometheus.io/port': String(port),
      'prometheus.io/path': '/metrics',
    });
    const env = Object.fromEntries(
      (template.spec.containers[0]?.env ?? []).map((e) => [e.name, e.value ?? e.valueFrom]),
    );
    expect(env).toMatchObject({
      OTEL_EXPORTER_OTLP_ENDPOINT: expect.stringMatching(/^http:\/\/.+:4318$/),
      OTEL_SERVICE_NAME: name,
    });
    // The overlay's own settings stay: the patch adds, it does not replace.
    const before = named(plain, 'Deployment', name).spec as typeof deployment.spec;
    const envBefore =
      (before as { template: { spec: { containers: Container[] } } }).template.spec.containers[0]
        ?.env ?? [];
    for (const variable of envBefore)
      expect(template.spec.containers[0]?.env).toContainEqual(variable);
  });

  it('opens exactly scraping from the monitoring namespace and trace export to it', () => {
    const peersOf = (objects: typeof observed) => [
      ...podPeers(objects),
      PROMETHEUS,
      COLLECTOR,
      STRANGER,
    ];
    const withComponent = allowedConnections(observed, peersOf(observed), 'portside');
    const without = allowedConnections(plain, peersOf(plain), 'portside');
    expect(withComponent.filter((c) => !without.includes(c)).sort()).toEqual(
      [
        ...SERVICES.map(([name, port]) => `prometheus -> ${name}:${port}/TCP`),
        ...SERVICES.map(([name, port]) => `otel-collector -> ${name}:${port}/TCP`),
        ...SERVICES.map(([name]) => `${name} -> otel-collector:4318/TCP`),
      ].sort(),
    );
    expect(without.filter((c) => !withComponent.includes(c))).toEqual([]);
    expect(
      withComponent.some((c) => c.startsWith('stranger ->') || c.includes('-> stranger')),
    ).toBe(false);
  });
});
