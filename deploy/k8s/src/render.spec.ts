import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { renderKustomization, renderKustomizationYaml } from './render';
import { KubeObject, KustomizeError } from './types';

const trees: string[] = [];
afterAll(() => trees.forEach((root) => rmSync(root, { recursive: true, force: true })));

/** Writes a tree of files under a fresh temporary directory and returns it. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'k8s-render-'));
  trees.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: example/web
          resources: {requests: {cpu: 100m}}
`;
const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80}]
`;
const BASE = {
  'base/kustomization.yaml': `resources: [deployment.yaml, service.yaml]
namespace: shop
images:
  - name: example/web
    newTag: "1.0"
`,
  'base/deployment.yaml': DEPLOYMENT,
  'base/service.yaml': SERVICE,
};

const find = (objects: KubeObject[], kind: string) => objects.find((o) => o.kind === kind)!;
const container = (o: KubeObject) =>
  (o.spec as { template: { spec: { containers: Record<string, unknown>[] } } }).template.spec
    .containers[0]!;

describe('renderKustomization', () => {
  it('renders resources with the namespace and image tag of the kustomization', () => {
    const objects = renderKustomization(join(tree(BASE), 'base'));
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      'Service/shop/web',
      'Deployment/shop/web',
    ]);
    expect(container(find(objects, 'Deployment')).image).toBe('example/web:1.0');
  });

  it('lets an overlay patch the base by strategic merge and JSON 6902, and retag its images', () => {
    const root = tree({
      ...BASE,
      'overlay/kustomization.yaml': `resources: [../base]
patches:
  - path: smaller.yaml
  - target: {kind: Service, name: web}
    patch: |
      - op: add
        path: /spec/type
        value: NodePort
images:
  - name: example/web
    newTag: dev
`,
      'overlay/smaller.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: web
          resources: {requests: {cpu: 10m}}
`,
    });
    const objects = renderKustomization(join(root, 'overlay'));
    const deployment = find(objects, 'Deployment');
    expect((deployment.spec as { replicas: number }).replicas).toBe(1);
    expect(container(deployment)).toEqual({
      name: 'web',
      image: 'example/web:dev',
      resources: { requests: { cpu: '10m' } },
    });
    expect((find(objects, 'Service').spec as { type: string }).type).toBe('NodePort');
  });

  it('adds a component after the resources, so the component can patch them', () => {
    const root = tree({
      ...BASE,
      'with-db/kustomization.yaml': 'namespace: shop\nresources: [../base]\ncomponents: [../db]\n',
      'db/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources: [db.yaml]
patches:
  - target: {kind: Deployment}
    patch: |
      - op: add
        path: /metadata/annotations
        value: {uses: db}
`,
      'db/db.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: db}\ndata: {a: b}\n',
    });
    const objects = renderKustomization(join(root, 'with-db'));
    expect(find(objects, 'ConfigMap').metadata.namespace).toBe('shop');
    expect(find(objects, 'Deployment').metadata.annotations).toEqual({ uses: 'db' });
  });

  it('adds labels to objects and pod templates but never to selectors', () => {
    const root = tree({
      ...BASE,
      'labelled/kustomization.yaml': `resources: [../base]
labels:
  - pairs: {team: a}
    includeTemplates: true
`,
    });
    const deployment = find(renderKustomization(join(root, 'labelled')), 'Deployment');
    const spec = deployment.spec as {
      selector: { matchLabels: object };
      template: { metadata: { labels: object } };
    };
    expect(deployment.metadata.labels).toEqual({ app: 'web', team: 'a' });
    expect(spec.template.metadata.labels).toEqual({ app: 'web', team: 'a' });
    expect(spec.selector.matchLabels).toEqual({ app: 'web' });
  });

  it('lets the caller pin an image by digest on top of the kustomization', () => {
    const objects = renderKustomization(join(tree(BASE), 'base'), {
      images: [{ name: 'example/web', digest: 'sha256:feed' }],
    });
    expect(container(find(objects, 'Deployment')).image).toBe('example/web@sha256:feed');
  });

  it('prints the same stream of documents every time', () => {
    const dir = join(tree(BASE), 'base');
    const yaml = renderKustomizationYaml(dir);
    expect(yaml).toBe(renderKustomizationYaml(dir));
    expect(yaml.split('---\n')).toHaveLength(2);
  });

  it.each([
    [
      'a field outside the subset',
      'resources: [deployment.yaml]\ncommonLabels: {a: b}\n',
      /commonLabels.*outside/,
    ],
    [
      'labels on selectors',
      'resources: [deployment.yaml]\nlabels: [{pairs: {a: b}, includeSelectors: true}]\n',
      /includeSelectors/,
    ],
    [
      'a patch that matches nothing',
      'resources: [deployment.yaml]\npatches: [{patch: "{apiVersion: v1, kind: Service, metadata: {name: nope}}"}]\n',
      /no object matches/,
    ],
    [
      'a JSON 6902 patch without a target',
      'resources: [deployment.yaml]\npatches: [{patch: "[{op: remove, path: /spec}]"}]\n',
      /needs a target/,
    ],
    ['a remote resource', 'resources: ["https://github.com/x/y"]\n', /remote/],
    ['the same object twice', 'resources: [deployment.yaml, again.yaml]\n', /same id/],
  ])('refuses %s', (_case, kustomization, message) => {
    const dir = tree({
      'kustomization.yaml': kustomization,
      'deployment.yaml': DEPLOYMENT,
      'again.yaml': DEPLOYMENT,
    });
    expect(() => renderKustomization(dir)).toThrow(KustomizeError);
    expect(() => renderKustomization(dir)).toThrow(message);
  });

  it('refuses to build a Component on its own', () => {
    const dir = tree({ 'kustomization.yaml': 'kind: Component\nresources: []\n' });
    expect(() => renderKustomization(dir)).toThrow(/Component/);
  });
});
