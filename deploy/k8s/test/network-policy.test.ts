import { ofKind, rendered } from './support/rendered';
import { allowedConnections, Peer, podPeers } from './support/network';

/* Peers outside the namespace that the policies must know about, or must keep out. */
const INGRESS_CONTROLLER: Peer = {
  id: 'ingress-controller',
  namespace: 'ingress-nginx',
  namespaceLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
  labels: { 'app.kubernetes.io/name': 'ingress-nginx' },
  ports: [],
};
const KUBE_DNS: Peer = {
  id: 'kube-dns',
  namespace: 'kube-system',
  namespaceLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
  labels: { 'k8s-app': 'kube-dns' },
  ports: [
    { port: 53, protocol: 'UDP' },
    { port: 53, protocol: 'TCP' },
  ],
};
const STRANGER_POD: Peer = {
  id: 'stranger-pod',
  namespace: 'default',
  namespaceLabels: { 'kubernetes.io/metadata.name': 'default' },
  labels: { 'app.kubernetes.io/name': 'catalog', 'app.kubernetes.io/component': 'api' },
  ports: [{ port: 3001, protocol: 'TCP' }],
};
const INTERNET: Peer = {
  id: 'internet',
  ip: '203.0.113.7',
  ports: [{ port: 443, protocol: 'TCP' }],
};
const MANAGED_POSTGRES: Peer = {
  id: 'managed-postgres',
  ip: '10.20.0.5',
  ports: [{ port: 5432, protocol: 'TCP' }],
};
const MANAGED_REDIS: Peer = {
  id: 'managed-redis',
  ip: '10.20.1.5',
  ports: [{ port: 6379, protocol: 'TCP' }],
};

/** The connections Portside makes, and so the only ones the policies may allow. */
function expectedConnections(postgres: string, redis: string, setup: string[] = []): string[] {
  const dns = [
    'storefront',
    'catalog',
    'cart',
    'order',
    'catalog-migrate',
    'orders-migrate',
    ...(postgres === 'postgres' ? ['postgres-roles'] : []),
  ].flatMap((pod) => [`${pod} -> kube-dns:53/UDP`, `${pod} -> kube-dns:53/TCP`]);
  return [
    ...setup,
    'ingress-controller -> storefront:8080/TCP',
    'ingress-controller -> storefront:8081/TCP',
    'ingress-controller -> catalog:3001/TCP',
    'ingress-controller -> cart:3002/TCP',
    'ingress-controller -> order:3003/TCP',
    'storefront -> catalog:3001/TCP',
    'storefront -> cart:3002/TCP',
    'storefront -> order:3003/TCP',
    'cart -> catalog:3001/TCP',
    'order -> catalog:3001/TCP',
    'order -> cart:3002/TCP',
    `catalog -> ${postgres}:5432/TCP`,
    `order -> ${postgres}:5432/TCP`,
    `catalog-migrate -> ${postgres}:5432/TCP`,
    `orders-migrate -> ${postgres}:5432/TCP`,
    `catalog -> ${redis}:6379/TCP`,
    `cart -> ${redis}:6379/TCP`,
    ...dns,
  ].sort();
}

const OUTSIDERS = [INGRESS_CONTROLLER, KUBE_DNS, STRANGER_POD, INTERNET];

describe('network policies', () => {
  it.each(['local', 'production'] as const)(
    'deny all ingress and egress by default in the %s overlay',
    (overlay) => {
      const defaults = ofKind(rendered(overlay), 'NetworkPolicy').filter(
        (p) => JSON.stringify((p.spec as { podSelector: object }).podSelector) === '{}',
      );
      const denyAll = defaults.find(
        (p) => !('ingress' in (p.spec as object)) && !('egress' in (p.spec as object)),
      );
      expect(denyAll?.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
      expect(defaults).toHaveLength(1);
    },
  );

  it('allow exactly the connections Portside makes with in-cluster data (local overlay)', () => {
    const objects = rendered('local');
    const peers = [...podPeers(objects), ...OUTSIDERS];
    expect(allowedConnections(objects, peers, 'portside')).toEqual(
      // The Job that creates the database roles (least privilege, as in Compose).
      expectedConnections('postgres', 'redis', ['postgres-roles -> postgres:5432/TCP']),
    );
  });

  it('allow exactly the connections Portside makes with managed data (production overlay)', () => {
    const objects = rendered('production');
    const peers = [...podPeers(objects), ...OUTSIDERS, MANAGED_POSTGRES, MANAGED_REDIS];
    expect(allowedConnections(objects, peers, 'portside')).toEqual(
      expectedConnections('managed-postgres', 'managed-redis'),
    );
  });

  it('are what keeps strangers out and traffic in: without them everything is open', () => {
    const objects = rendered('local');
    const peers = [...podPeers(objects), ...OUTSIDERS];
    const withoutPolicies = objects.filter((o) => o.kind !== 'NetworkPolicy');
    const open = allowedConnections(withoutPolicies, peers, 'portside');
    expect(open).toContain('stranger-pod -> catalog:3001/TCP');
    expect(open).toContain('catalog -> internet:443/TCP');
    const guarded = allowedConnections(objects, peers, 'portside');
    expect(guarded).not.toContain('stranger-pod -> catalog:3001/TCP');
    expect(guarded).not.toContain('catalog -> internet:443/TCP');
  });
});
