import path from 'node:path';
import { UsageError } from '../core/errors';
import type { KubeObject } from './kube';
import { loadManifests } from './manifests';
import { intoNamespace, manifestsNamespace } from './namespace';

const object = (
  kind: string,
  name: string,
  fields: Record<string, unknown> = {},
  namespace: string | null = 'portside',
): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
  ...fields,
});
const base64 = (text: string) => Buffer.from(text).toString('base64');
const find = (objects: KubeObject[], kind: string, name: string) =>
  objects.find((candidate) => candidate.kind === kind && candidate.metadata.name === name);
/** The value at a path of keys and indexes, for reading nested fields of loosely typed objects. */
const dig = (value: unknown, ...keys: (string | number)[]): unknown =>
  keys.reduce<unknown>(
    (node, key) => (node as Record<string | number, unknown> | undefined)?.[key],
    value,
  );
/** The pod template's spec of a workload. */
const podSpec = (objects: KubeObject[], kind: string, name: string) =>
  dig(find(objects, kind, name), 'spec', 'template', 'spec');

const manifests = (): KubeObject[] => [
  object(
    'Namespace',
    'portside',
    {
      metadata: {
        name: 'portside',
        labels: { 'pod-security.kubernetes.io/enforce': 'restricted' },
      },
    },
    null,
  ),
  object('Service', 'catalog'),
  object('Service', 'postgres'),
  object('ConfigMap', 'edge', {
    data: {
      CATALOG_UPSTREAM: 'catalog.portside.svc.cluster.local:3001',
      DATABASE_HOST: 'postgres-0.postgres.portside.svc.cluster.local',
      CATALOG_URL: 'http://catalog.portside:3001/api',
      PUBLIC_HOST: 'catalog.portside.example.com',
      DNS: 'kube-dns.kube-system.svc.cluster.local',
      PAYMENTS_URL: 'http://payments.portside.svc:8080',
      PART_OF: 'portside',
    },
  }),
  object('Deployment', 'order', {
    apiVersion: 'apps/v1',
    spec: {
      replicas: 2,
      template: {
        spec: {
          containers: [
            {
              name: 'order',
              image: 'portside/order',
              env: [{ name: 'CATALOG_URL', value: 'http://catalog.portside.svc:3001' }],
            },
          ],
          affinity: {
            podAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                { topologyKey: 'kubernetes.io/hostname', namespaces: ['portside', 'monitoring'] },
              ],
            },
          },
        },
      },
    },
  }),
  object('NetworkPolicy', 'catalog', {
    spec: {
      ingress: [
        {
          from: [
            { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'portside' } } },
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
              },
            },
            {
              namespaceSelector: {
                matchExpressions: [
                  {
                    key: 'kubernetes.io/metadata.name',
                    operator: 'In',
                    values: ['portside', 'monitoring'],
                  },
                ],
              },
            },
          ],
        },
      ],
    },
  }),
  object('RoleBinding', 'catalog-reader', {
    subjects: [
      { kind: 'ServiceAccount', name: 'catalog', namespace: 'portside' },
      { kind: 'ServiceAccount', name: 'prometheus', namespace: 'monitoring' },
      { kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' },
    ],
    roleRef: { kind: 'Role', name: 'catalog-reader', apiGroup: 'rbac.authorization.k8s.io' },
  }),
  object(
    'ClusterRoleBinding',
    'catalog-nodes',
    { subjects: [{ kind: 'ServiceAccount', name: 'catalog', namespace: 'portside' }] },
    null,
  ),
  object('Secret', 'catalog-database', {
    data: {
      DATABASE_URL: base64('postgresql://app:pw@postgres.portside.svc.cluster.local:5432/catalog'),
      PASSWORD: base64('pw'),
    },
    stringData: {
      REPLICA_URL: 'postgresql://app:pw@postgres-1.postgres.portside.svc:5432/catalog',
    },
  }),
  object('HorizontalPodAutoscaler', 'order', {
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'order' } },
  }),
];

describe('moving the manifests into another namespace', () => {
  it('reads the manifests own namespace from their Namespace object and metadata', () => {
    expect(manifestsNamespace(manifests())).toBe('portside');
    expect(manifestsNamespace([object('ConfigMap', 'plain', {}, null)])).toBeUndefined();
    expect(() =>
      manifestsNamespace([object('ConfigMap', 'a'), object('ConfigMap', 'b', {}, 'elsewhere')]),
    ).toThrow(
      new UsageError(
        'the manifests span several namespaces (elsewhere, portside); portside deploys into one',
      ),
    );
  });

  it('creates the target in place of the manifests Namespace, keeping its labels, and puts every namespaced object there', () => {
    const { objects } = intoNamespace(manifests(), 'shop');
    expect(find(objects, 'Namespace', 'shop')?.metadata.labels).toEqual({
      'pod-security.kubernetes.io/enforce': 'restricted',
    });
    expect(
      objects
        .filter((candidate) => candidate.kind === 'Namespace')
        .map((candidate) => candidate.metadata.name),
    ).toEqual(['shop']);
    expect(
      objects
        .filter((candidate) => !['Namespace', 'ClusterRoleBinding'].includes(candidate.kind))
        .every((candidate) => candidate.metadata.namespace === 'shop'),
    ).toBe(true);
    expect(find(objects, 'ClusterRoleBinding', 'catalog-nodes')?.metadata).toEqual({
      name: 'catalog-nodes',
    });
  });

  it("rewrites the addresses of the manifests' Services and nothing that only looks alike", () => {
    const { objects, leftovers } = intoNamespace(manifests(), 'shop');
    expect(find(objects, 'ConfigMap', 'edge')?.data).toEqual({
      CATALOG_UPSTREAM: 'catalog.shop.svc.cluster.local:3001',
      DATABASE_HOST: 'postgres-0.postgres.shop.svc.cluster.local',
      CATALOG_URL: 'http://catalog.shop:3001/api',
      PUBLIC_HOST: 'catalog.portside.example.com',
      DNS: 'kube-dns.kube-system.svc.cluster.local',
      PAYMENTS_URL: 'http://payments.portside.svc:8080',
      PART_OF: 'portside',
    });
    expect(dig(podSpec(objects, 'Deployment', 'order'), 'containers', 0, 'env', 0, 'value')).toBe(
      'http://catalog.shop.svc:3001',
    );
    expect(leftovers).toEqual([
      'ConfigMap/edge data.PAYMENTS_URL still names namespace portside (payments.portside.svc: no such Service in the manifests)',
    ]);
  });

  it('rewrites Secret values through their encoding and never prints them', () => {
    const { objects, rewrites } = intoNamespace(manifests(), 'shop');
    const secret = find(objects, 'Secret', 'catalog-database');
    expect(Buffer.from(dig(secret, 'data', 'DATABASE_URL') as string, 'base64').toString()).toBe(
      'postgresql://app:pw@postgres.shop.svc.cluster.local:5432/catalog',
    );
    expect(dig(secret, 'data', 'PASSWORD')).toBe(base64('pw'));
    expect(dig(secret, 'stringData', 'REPLICA_URL')).toBe(
      'postgresql://app:pw@postgres-1.postgres.shop.svc:5432/catalog',
    );
    const secretLines = rewrites.filter((line) => line.startsWith('Secret/'));
    expect(secretLines).toEqual([
      'Secret/catalog-database data.DATABASE_URL: rewritten (a Secret: value not shown)',
      'Secret/catalog-database stringData.REPLICA_URL: rewritten (a Secret: value not shown)',
    ]);
  });

  it('points namespace selectors, binding subjects and affinity terms that named the old namespace at the new one', () => {
    const { objects } = intoNamespace(manifests(), 'shop');
    const peers = dig(find(objects, 'NetworkPolicy', 'catalog'), 'spec', 'ingress', 0, 'from');
    expect(dig(peers, 0, 'namespaceSelector', 'matchLabels', 'kubernetes.io/metadata.name')).toBe(
      'shop',
    );
    expect(dig(peers, 1, 'namespaceSelector', 'matchLabels', 'kubernetes.io/metadata.name')).toBe(
      'ingress-nginx',
    );
    expect(dig(peers, 2, 'namespaceSelector', 'matchExpressions', 0, 'values')).toEqual([
      'shop',
      'monitoring',
    ]);
    expect(find(objects, 'RoleBinding', 'catalog-reader')?.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'catalog', namespace: 'shop' },
      { kind: 'ServiceAccount', name: 'prometheus', namespace: 'monitoring' },
      { kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' },
    ]);
    expect(
      dig(find(objects, 'ClusterRoleBinding', 'catalog-nodes'), 'subjects', 0, 'namespace'),
    ).toBe('shop');
    expect(
      dig(
        podSpec(objects, 'Deployment', 'order'),
        'affinity',
        'podAffinity',
        'requiredDuringSchedulingIgnoredDuringExecution',
        0,
        'namespaces',
      ),
    ).toEqual(['shop', 'monitoring']);
    expect(find(objects, 'HorizontalPodAutoscaler', 'order')?.spec).toEqual(
      manifests().at(-1)?.spec,
    );
  });

  it('changes nothing but metadata.namespace when the target is the manifests own namespace', () => {
    const { objects, rewrites } = intoNamespace(manifests(), 'portside');
    expect(rewrites).toEqual([]);
    expect(objects).toEqual(manifests());
  });

  describe.each(['local', 'production'])("deploy/k8s's %s overlay, as rendered", (overlay) => {
    const root = path.resolve(__dirname, '../../../..');

    it('names the namespace only where it is rewritten, and nowhere after the move', async () => {
      const rendered = await loadManifests(root, `deploy/k8s/overlays/${overlay}`);
      expect(manifestsNamespace(rendered)).toBe('portside');
      const { objects, rewrites, leftovers } = intoNamespace(rendered, 'shop');
      expect(rewrites).toEqual([
        'Namespace/portside: applied as Namespace/shop, with its labels',
        'ConfigMap/storefront-config data.CATALOG_UPSTREAM: catalog.portside.svc.cluster.local:3001 -> catalog.shop.svc.cluster.local:3001',
        'ConfigMap/storefront-config data.CART_UPSTREAM: cart.portside.svc.cluster.local:3002 -> cart.shop.svc.cluster.local:3002',
        'ConfigMap/storefront-config data.ORDER_UPSTREAM: order.portside.svc.cluster.local:3003 -> order.shop.svc.cluster.local:3003',
      ]);
      expect(leftovers).toEqual([]);
      const text = JSON.stringify(objects);
      expect(text).not.toMatch(
        /\.portside\.svc|"namespace":"portside"|"kubernetes\.io\/metadata\.name":"portside"/,
      );
      expect(
        objects
          .filter((candidate) => candidate.kind !== 'Namespace')
          .every((candidate) => candidate.metadata.namespace === 'shop'),
      ).toBe(true);
    });
  });
});
