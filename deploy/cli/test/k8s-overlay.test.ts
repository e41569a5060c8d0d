import path from 'node:path';
import type { CliResult } from './support/run-cli';
import { digest } from './support/kube-workspace';
import { kubeTargetForFile } from './support/kube-target';

// deploy/k8s's local overlay as it is (in-cluster PostgreSQL and Redis, an HPA per service),
// deployed into namespaces other than its own, against the API stand-in on 127.0.0.1.

const OVERLAY = path.resolve(__dirname, '../../k8s/overlays/local');
const kube = kubeTargetForFile('default', ['ws']);
/** The first deploy into shop-staging: later tests read what it printed. */
let first: CliResult;

const deployInto = (namespace: string, ...extra: string[]) =>
  kube.copies.ws.cli([
    'deploy',
    '--target',
    'k8s',
    '--manifests',
    OVERLAY,
    '--namespace',
    namespace,
    '--poll-interval',
    '100',
    ...extra,
  ]);
const stored = <T>(key: string) => kube.api.objects.get(key) as unknown as T;
const keysIn = (namespace: string) =>
  [...kube.api.objects.keys()].filter((key) => key.split('/')[1] === namespace);

beforeAll(async () => {
  kube.copies.ws.pushed('a');
  first = await deployInto('shop-staging');
});

it('creates the namespace first, with the restricted Pod Security labels of the manifests own', () => {
  expect(first.code).toBe(0);
  const applies = kube.api.requests.filter((request) => request.method === 'PATCH');
  expect(applies[0]?.path).toBe('/api/v1/namespaces/shop-staging');
  expect(
    stored<{ metadata: { labels: Record<string, string> } }>('Namespace//shop-staging').metadata
      .labels,
  ).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'restricted' });
  expect(
    kube.api.requests.filter((request) => request.path.includes('/namespaces/portside')),
  ).toEqual([]);
  expect(kube.api.objects.has('Namespace//portside')).toBe(false);
});

it("puts every object in the new namespace and points the edge's upstreams at the Services there", () => {
  expect(keysIn('shop-staging')).toEqual(
    expect.arrayContaining([
      'Deployment/shop-staging/catalog',
      'StatefulSet/shop-staging/postgres',
      'Secret/shop-staging/catalog-database',
      'HorizontalPodAutoscaler/shop-staging/catalog',
    ]),
  );
  expect(
    stored<{ data: Record<string, string> }>('ConfigMap/shop-staging/storefront-config').data,
  ).toEqual({
    CATALOG_UPSTREAM: 'catalog.shop-staging.svc.cluster.local:3001',
    CART_UPSTREAM: 'cart.shop-staging.svc.cluster.local:3002',
    ORDER_UPSTREAM: 'order.shop-staging.svc.cluster.local:3003',
  });
  expect(first.stderr).toContain(
    'namespace shop-staging: ConfigMap/storefront-config data.CATALOG_UPSTREAM: catalog.portside.svc.cluster.local:3001 -> catalog.shop-staging.svc.cluster.local:3001',
  );
  expect(JSON.stringify([...kube.api.objects.values()])).not.toContain('.portside.svc');
});

it('waits for PostgreSQL and Redis to roll out, as kubectl rollout status statefulset does, before the migrations run', () => {
  const said = (line: string) => first.stderr.indexOf(line);
  expect(said('postgres: waiting for 1 pods to be ready')).toBeGreaterThan(-1);
  expect(said('postgres: successfully rolled out (1 pods updated)')).toBeGreaterThan(
    said('postgres: waiting for 1 pods to be ready'),
  );
  expect(said('redis: successfully rolled out (1 pods updated)')).toBeGreaterThan(-1);
  expect(said('catalog-migrate: applying')).toBeGreaterThan(
    said('postgres: successfully rolled out'),
  );
  expect(
    stored<{ status: Record<string, unknown> }>('StatefulSet/shop-staging/postgres').status,
  ).toMatchObject({ readyReplicas: 1, updatedReplicas: 1 });
});

it('keeps the replicas an HPA scaled a Deployment to, and never resets the others to 1, on the next deploy', async () => {
  kube.api.scale('Deployment', 'shop-staging', 'catalog', 5);
  kube.copies.ws.pushed('b');
  const result = await deployInto('shop-staging');
  expect(result.code).toBe(0);
  expect(
    stored<{ spec: { replicas: number; template: { spec: { containers: { image: string }[] } } } }>(
      'Deployment/shop-staging/catalog',
    ).spec,
  ).toMatchObject({ replicas: 5 });
  expect(kube.api.replicasHistory.get('Deployment/shop-staging/catalog')).toEqual([2, 5]);
  expect(kube.api.replicasHistory.get('Deployment/shop-staging/cart')).toEqual([2]);
  const cart = stored<{
    metadata: { managedFields: { manager: string; fieldsV1: { 'f:spec'?: object } }[] };
  }>('Deployment/shop-staging/cart');
  expect(
    cart.metadata.managedFields
      .filter((entry) => entry.fieldsV1['f:spec'] && 'f:replicas' in entry.fieldsV1['f:spec'])
      .map((entry) => entry.manager),
  ).toEqual(['portside-replicas-handover']);
  expect(result.stderr).toContain(
    'Deployment/catalog: replicas left to its HorizontalPodAutoscaler (5 now)',
  );
});

it('status shows each Deployment with its digest and ready replicas, and the data stores', async () => {
  // The namespace is found as deploy finds it: here the one deployed to is not the context's.
  const result = await kube.copies.ws.cli([
    'status',
    '--namespace',
    'shop-staging',
    '--output',
    'json',
  ]);
  expect(result.code).toBe(0);
  const { k8s } = JSON.parse(result.stdout);
  expect(k8s.namespace).toBe('shop-staging');
  expect(k8s.release).toMatchObject({ namespace: 'shop-staging', outcome: 'succeeded' });
  expect(k8s.deployments).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        name: 'catalog',
        digest: digest('b'),
        replicas: 5,
        ready: 5,
        rollout: 'successfully rolled out',
      }),
    ]),
  );
  expect(k8s.statefulSets).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        name: 'postgres',
        image: 'postgres:17.6-alpine',
        replicas: 1,
        ready: 1,
      }),
    ]),
  );
});

it('deploying the same release again starts no rollout: every workload keeps its generation', async () => {
  const workloads = () =>
    keysIn('shop-staging').filter(
      (key) => key.startsWith('Deployment/') || key.startsWith('StatefulSet/'),
    );
  const generations = () =>
    Object.fromEntries(
      workloads().map((key) => [
        key,
        stored<{ metadata: { generation: number } }>(key).metadata.generation,
      ]),
    );
  const before = generations();
  const result = await deployInto('shop-staging');
  expect(result.code).toBe(0);
  expect(generations()).toEqual(before);
  expect(Object.keys(before)).toHaveLength(6);
});

it('stops before the migrations when a data store never gets ready, leaves it as applied, and exits 5', async () => {
  kube.api.stuckImages.add('postgres:17.6-alpine');
  const result = await deployInto('shop-stuck', '--rollout-timeout', '2');
  expect(result.code).toBe(5);
  expect(result.lastLine).toBe(
    'portside: postgres: not rolled out after 2s (postgres: waiting for 1 pods to be ready)',
  );
  expect(
    keysIn('shop-stuck').filter((key) => key.startsWith('Deployment/') || key.startsWith('Job/')),
  ).toEqual([]);
  expect(kube.api.objects.has('StatefulSet/shop-stuck/postgres')).toBe(true);
  expect(kube.copies.ws.releases().at(-1)).toMatchObject({
    outcome: 'failed',
    namespace: 'shop-stuck',
  });
});
