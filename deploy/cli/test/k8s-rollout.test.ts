import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { digest } from './support/kube-workspace';
import {
  containerImages,
  FIXTURE_MANIFESTS as MANIFESTS,
  k8sCommand,
  kubeTargetForFile,
} from './support/kube-target';

// No cluster can run here: the Kubernetes path is exercised against an API stand-in on
// 127.0.0.1 (support/kube-api-stand-in.ts), through the real client-node and a real kubeconfig.

// The fixtures carry no Namespace object: their namespace, the context's, exists already.
const kube = kubeTargetForFile('shop', ['ws']);

const cli = (args: string[], env: Record<string, string> = {}) => kube.copies.ws.cli(args, env);
const pushed = (version: string) => kube.copies.ws.pushed(version);
const deploy = () => cli(k8sCommand('deploy', MANIFESTS, '--output', 'json'));
const imageOf = (name: string) => containerImages(kube.api, 'shop', name)[0];

it('applies every object server-side with images pinned by digest, the migration first, and waits for each rollout', async () => {
  pushed('a');
  const result = await deploy();
  expect(result.code).toBe(0);
  expect(JSON.parse(result.stdout).release).toMatchObject({
    target: 'k8s',
    outcome: 'succeeded',
    context: 'stand-in',
    namespace: 'shop',
  });

  // The release record (a Secret) is applied too; the manifests' objects are the rest.
  const applies = kube.api.requests.filter(
    (request) => request.method === 'PATCH' && !request.path.includes('/secrets/'),
  );
  expect(
    applies.every(
      (request) =>
        request.contentType === 'application/apply-patch+yaml' &&
        request.query.fieldManager === 'portside' &&
        request.query.force === 'true',
    ),
  ).toBe(true);
  expect(applies.map((request) => request.path)).toEqual([
    '/api/v1/namespaces/shop/configmaps/shared-config',
    '/api/v1/namespaces/shop/services/api',
    '/apis/batch/v1/namespaces/shop/jobs/api-migrate',
    '/apis/apps/v1/namespaces/shop/deployments/api',
    '/apis/apps/v1/namespaces/shop/deployments/greeter',
  ]);
  expect(imageOf('api')).toBe(`localhost:5000/portside/api@${digest('a')}`);
  expect(imageOf('greeter')).toBe(`localhost:5000/portside/greeter@${digest('a')}`);
});

it('undoes a rollout stuck past its progress deadline, leaving the previous images, and exits 5', async () => {
  pushed('b');
  kube.api.stuckImages.add(`localhost:5000/portside/greeter@${digest('b')}`);
  const result = await cli(k8sCommand('deploy', MANIFESTS));
  expect(result.stderr).toContain('api: successfully rolled out');
  expect(result.code).toBe(5);
  expect(result.lastLine).toBe('portside: greeter: exceeded its progress deadline');
  expect(result.stderr).toContain('greeter: undoing (back to the previous template)');
  expect(imageOf('greeter')).toBe(`localhost:5000/portside/greeter@${digest('a')}`);
  expect(imageOf('api')).toBe(`localhost:5000/portside/api@${digest('a')}`);
  expect(kube.copies.ws.releases().at(-1)).toMatchObject({ target: 'k8s', outcome: 'failed' });
});

it('status shows what each Deployment runs on the cluster', async () => {
  const result = await cli(['status', '--output', 'json']);
  expect(result.code).toBe(0);
  const { k8s } = JSON.parse(result.stdout);
  expect(k8s).toMatchObject({ context: 'stand-in', namespace: 'shop' });
  expect(k8s.deployments).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ name: 'api', digest: digest('a'), replicas: 2 }),
      expect.objectContaining({ name: 'greeter', digest: digest('a') }),
    ]),
  );
});

it('rolls back to a named release through the same path', async () => {
  kube.api.stuckImages.clear();
  pushed('c');
  expect((await deploy()).code).toBe(0);
  expect(imageOf('api')).toBe(`localhost:5000/portside/api@${digest('c')}`);
  const result = await cli(k8sCommand('rollback', MANIFESTS, '--to', 'r1-unversi'));
  expect(result.code).toBe(0);
  expect(imageOf('api')).toBe(`localhost:5000/portside/api@${digest('a')}`);
});

it('deploys the real local overlay of deploy/k8s, rendered by its own renderer', async () => {
  const overlay = path.resolve(__dirname, '../../k8s/overlays/local');
  const result = await cli(
    k8sCommand('deploy', overlay, '--namespace', 'portside', '--output', 'json'),
  );
  expect(result.code).toBe(0);
  const deployments = [...kube.api.objects.keys()]
    .filter((key) => key.startsWith('Deployment/portside/'))
    .sort();
  expect(deployments).toEqual([
    'Deployment/portside/cart',
    'Deployment/portside/catalog',
    'Deployment/portside/order',
    'Deployment/portside/storefront',
  ]);
  expect(containerImages(kube.api, 'portside', 'catalog')).toContain(
    `localhost:5000/portside/catalog@${digest('c')}`,
  );
});

it('a change the API server refuses is one line naming the object and its reason; what rolled before it is undone; exit 5', async () => {
  const changed = path.join(kube.copies.ws.root, 'selector-changed');
  cpSync(MANIFESTS, changed, { recursive: true });
  const greeter = path.join(changed, 'greeter.yaml');
  writeFileSync(
    greeter,
    readFileSync(greeter, 'utf8').replace(
      /(\n +)app\.kubernetes\.io\/name: greeter/g,
      '$1app.kubernetes.io/name: greeter$1tier: web',
    ),
  );
  pushed('d');
  const result = await cli(k8sCommand('deploy', changed));
  expect(result.code).toBe(5);
  expect(result.lastLine).toBe(
    'portside: cannot apply Deployment shop/greeter: Deployment.apps "greeter" is invalid: spec.selector: Invalid value: {"matchLabels":{"app.kubernetes.io/name":"greeter","tier":"web"}}: field is immutable (HTTP 422)',
  );
  expect(result.stderr).toContain('api: undoing (back to the previous template)');
  expect(imageOf('api')).toBe(`localhost:5000/portside/api@${digest('a')}`);
});

it('a missing kube context is one clear line and exit 3, before anything is applied', async () => {
  const before = kube.api.requests.length;
  const unknown = await cli([
    'deploy',
    '--target',
    'k8s',
    '--manifests',
    MANIFESTS,
    '--context',
    'production',
  ]);
  expect(unknown.code).toBe(3);
  expect(unknown.lastLine).toMatch(
    /^portside: Kubernetes context "production" does not exist; contexts are: stand-in/,
  );

  const empty = path.join(kube.copies.ws.root, 'empty-kubeconfig.yaml');
  writeFileSync(empty, 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
  const none = await cli(['deploy', '--target', 'k8s', '--manifests', MANIFESTS], {
    KUBECONFIG: empty,
  });
  expect(none.code).toBe(3);
  expect(none.lastLine).toMatch(/^portside: no Kubernetes context is configured/);
  expect(kube.api.requests.length).toBe(before);
});
