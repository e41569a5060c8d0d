import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KubeObject, renderKustomization } from '../src';

const K8S_DIR = join(__dirname, '..');

/** What `kubectl apply -k` would apply: kubectl's built-in kustomize (v5). */
function kubectlKustomize(dir: string): KubeObject[] {
  const output = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 60_000 });
  return parseAllDocuments(output)
    .map((doc) => doc.toJS() as KubeObject | null)
    .filter((o): o is KubeObject => o !== null);
}

/** kustomize wraps long base64 values over several lines; the bytes are the same. */
function unwrapSecretData(objects: KubeObject[]): KubeObject[] {
  return objects.map((o) =>
    o.kind === 'Secret'
      ? {
          ...o,
          data: Object.fromEntries(
            Object.entries(o.data as Record<string, string>).map(([k, v]) => [
              k,
              v.replace(/\s/g, ''),
            ]),
          ),
        }
      : o,
  );
}

describe.each(['base', 'overlays/local', 'overlays/production', 'overlays/local-observability'])(
  '%s',
  (path) => {
    const dir = join(K8S_DIR, path);

    it('renders exactly the objects kubectl kustomize renders, in the same order', () => {
      expect(renderKustomization(dir)).toEqual(unwrapSecretData(kubectlKustomize(dir)));
    });
  },
);

/** Every feature of the supported subset at once, beyond what Portside's manifests use today. */
const TOUR: Record<string, string> = {
  'base/kustomization.yaml': `resources: [app.yaml, db.yaml]
namespace: tour
labels:
  - pairs: {team: shop}
    includeTemplates: true
  - pairs: {tier: backend}
images:
  - name: example/app
    newTag: "2.0"
`,
  'base/app.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: app, labels: {app: app}}
spec:
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec:
      initContainers:
        - {name: init, image: example/app, args: [migrate]}
      containers:
        - name: app
          image: example/app
          args: [--serve]
          ports: [{name: http, containerPort: 80}]
          env: [{name: A, value: "1"}, {name: B, value: "2"}]
          volumeMounts: [{name: tmp, mountPath: /tmp}]
        - {name: sidecar, image: example/sidecar:1}
      volumes: [{name: tmp, emptyDir: {}}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: once}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: once, image: example/app}]
---
apiVersion: v1
kind: Service
metadata: {name: app}
spec:
  selector: {app: app}
  ports: [{name: http, port: 80, targetPort: http}]
`,
  'base/db.yaml': `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: example/db:1}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`,
  'extra/kustomization.yaml': `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources: [extra.yaml]
patches:
  - target: {kind: Deployment, labelSelector: "app=app"}
    patch: |-
      - op: add
        path: /spec/template/spec/containers/0/env/-
        value: {name: FROM_COMPONENT, value: "yes"}
`,
  'extra/extra.yaml': `apiVersion: v1
kind: ConfigMap
metadata: {name: extra}
data: {a: b}
`,
  'overlay/kustomization.yaml': `resources: [../base]
components: [../extra]
namespace: tour
configMapGenerator:
  - name: settings
    literals: [MODE=fast]
    files: [app.conf]
secretGenerator:
  - name: creds
    envs: [creds.env]
generatorOptions:
  disableNameSuffixHash: true
  labels: {generated: "yes"}
patches:
  - path: app-patch.yaml
  - target: {kind: Service, name: "ap+"}
    patch: |-
      - op: replace
        path: /spec/ports/0/port
        value: 8080
      - op: add
        path: /spec/type
        value: NodePort
images:
  - name: example/app
    newName: registry.example.com/shop/app
    digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
  - name: example/db
    newTag: "2"
`,
  'overlay/app.conf': 'listen 80;\n',
  'overlay/creds.env': '# a comment\nTOKEN=abc=def\nLONG=' + 'x'.repeat(120) + '\n',
  'overlay/app-patch.yaml': `apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  replicas: 3
  template:
    spec:
      containers:
        - name: app
          args: null
          env: [{name: B, value: two}, {name: C, value: "3"}]
          ports: [{containerPort: 80, name: web}, {containerPort: 81}]
        - name: sidecar
          $patch: delete
      volumes: [{name: cache, emptyDir: {}}]
`,
};

describe('a tour of the supported kustomize subset', () => {
  const root = mkdtempSync(join(tmpdir(), 'k8s-parity-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const [path, content] of Object.entries(TOUR)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }

  it('renders exactly what kubectl kustomize renders', () => {
    const dir = join(root, 'overlay');
    expect(renderKustomization(dir)).toEqual(unwrapSecretData(kubectlKustomize(dir)));
  });
});
