import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';
import { Controllers, type StoredObject } from './kube-stand-in/controllers';
import { FieldOwnership, type Body } from './kube-stand-in/field-ownership';

/**
 * A stand-in for the Kubernetes API server on 127.0.0.1, for the objects portside uses: discovery,
 * server-side apply (PATCH application/apply-patch+yaml) with field ownership and managedFields
 * (kube-stand-in/field-ownership.ts), GET, list, DELETE, the defaults the real server fills in
 * that matter to a rollout, and namespaces that must exist; plus small Deployment, StatefulSet and
 * Job controllers (kube-stand-in/controllers.ts). A Deployment rolls out over a few reads; one whose
 * template uses a "stuck" image stops halfway with Progressing=False, reason
 * ProgressDeadlineExceeded, as a cluster does when new pods never become ready within
 * progressDeadlineSeconds. Changing a workload's selector or a Job's template is refused (422).
 */

interface Resource {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
}

const RESOURCES: Resource[] = [
  { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace', namespaced: false },
  { group: '', version: 'v1', plural: 'configmaps', kind: 'ConfigMap', namespaced: true },
  { group: '', version: 'v1', plural: 'secrets', kind: 'Secret', namespaced: true },
  { group: '', version: 'v1', plural: 'services', kind: 'Service', namespaced: true },
  { group: '', version: 'v1', plural: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true },
  { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment', namespaced: true },
  { group: 'apps', version: 'v1', plural: 'statefulsets', kind: 'StatefulSet', namespaced: true },
  { group: 'batch', version: 'v1', plural: 'jobs', kind: 'Job', namespaced: true },
  {
    group: 'policy',
    version: 'v1',
    plural: 'poddisruptionbudgets',
    kind: 'PodDisruptionBudget',
    namespaced: true,
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    plural: 'networkpolicies',
    kind: 'NetworkPolicy',
    namespaced: true,
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    plural: 'ingresses',
    kind: 'Ingress',
    namespaced: true,
  },
  {
    group: 'coordination.k8s.io',
    version: 'v1',
    plural: 'leases',
    kind: 'Lease',
    namespaced: true,
  },
  {
    group: 'autoscaling',
    version: 'v2',
    plural: 'horizontalpodautoscalers',
    kind: 'HorizontalPodAutoscaler',
    namespaced: true,
  },
];

type Obj = StoredObject;

/** The manager the HPA controller (in kube-controller-manager) writes spec.replicas as. */
const CONTROLLER_MANAGER = 'kube-controller-manager';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  contentType?: string;
}

export interface KubeApiStandIn {
  url: string;
  requests: RecordedRequest[];
  /** Stored objects by "kind/namespace/name". */
  objects: Map<string, Obj>;
  /** Images whose Deployments and StatefulSets never finish rolling out. */
  stuckImages: Set<string>;
  /** Images whose Deployments keep progressing, never finishing nor failing (a rollout in flight). */
  slowImages: Set<string>;
  /** spec.replicas of each Deployment and StatefulSet ("kind/namespace/name") after every change of it. */
  replicasHistory: Map<string, number[]>;
  /** What an HPA does to its target: an update of spec.replicas by kube-controller-manager. */
  scale(kind: string, namespace: string, name: string, replicas: number): void;
  kubeconfig(namespace: string): string;
  close(): Promise<void>;
}

const keyOf = (kind: string, namespace: string | undefined, name: string) =>
  `${kind}/${namespace ?? ''}/${name}`;

export interface StandInOptions {
  /** Namespaces that exist from the start (others come from applied Namespace objects). */
  namespaces?: string[];
}

export async function startKubeApiStandIn(options: StandInOptions = {}): Promise<KubeApiStandIn> {
  const objects = new Map<string, Obj>();
  const requests: RecordedRequest[] = [];
  const stuckImages = new Set<string>();
  const replicasHistory = new Map<string, number[]>();
  const ownership = new FieldOwnership();
  let uids = 0;
  const slowImages = new Set<string>();
  const controllers = new Controllers(stuckImages, slowImages);
  for (const name of ['default', 'kube-system', ...(options.namespaces ?? [])])
    objects.set(keyOf('Namespace', undefined, name), {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    });

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const failure = (res: http.ServerResponse, code: number, reason: string, message: string) =>
    send(res, code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, code, message });
  const notFound = (res: http.ServerResponse, name: string) =>
    failure(res, 404, 'NotFound', `"${name}" not found`);

  /** The defaults the API server fills in that a rollout reads. */
  const withDefaults = (object: Obj): Obj => {
    if (object.kind !== 'Deployment' && object.kind !== 'StatefulSet') return object;
    const spec: Record<string, unknown> = {
      ...object.spec,
      replicas: (object.spec?.replicas as number | undefined) ?? 1,
    };
    if (object.kind === 'StatefulSet') {
      const strategy =
        (spec.updateStrategy as { type?: string; rollingUpdate?: object } | undefined) ?? {};
      const type = strategy.type ?? 'RollingUpdate';
      spec.updateStrategy =
        type === 'RollingUpdate'
          ? { type, rollingUpdate: { partition: 0, ...strategy.rollingUpdate } }
          : { type };
    }
    return { ...object, spec };
  };

  /** Stores a new version of an object: a changed spec is a new generation, for the controllers to see. */
  const store = (key: string, existing: Obj | undefined, next: Obj): Obj => {
    const specChanged = JSON.stringify(existing?.spec) !== JSON.stringify(next.spec);
    next.metadata.generation =
      (existing?.metadata.generation ?? 0) + (specChanged || !existing ? 1 : 0);
    next.metadata.uid ??= `uid-${(uids += 1)}`;
    next.metadata.managedFields = ownership.managedFields(key, next.apiVersion);
    if (specChanged) controllers.specChanged(key);
    const replicas = next.spec?.replicas as number | undefined;
    const history = replicasHistory.get(key) ?? [];
    if (replicas !== undefined && history.at(-1) !== replicas)
      replicasHistory.set(key, [...history, replicas]);
    objects.set(key, next);
    return next;
  };

  /** What the API server refuses to change on an existing object, as its validation says it. */
  const immutableChange = (existing: Obj | undefined, next: Obj): string | undefined => {
    const field = { Deployment: 'selector', StatefulSet: 'selector', Job: 'template' }[next.kind];
    if (
      !existing ||
      !field ||
      JSON.stringify(existing.spec?.[field]) === JSON.stringify(next.spec?.[field])
    )
      return undefined;
    return `${next.kind}.${next.apiVersion.split('/')[0]} "${next.metadata.name}" is invalid: spec.${field}: Invalid value: ${JSON.stringify(next.spec?.[field])}: field is immutable`;
  };

  const apply = (
    resource: Resource,
    namespace: string | undefined,
    name: string,
    body: Obj,
    manager: string,
  ): Obj | string => {
    const key = keyOf(resource.kind, namespace, name);
    const existing = objects.get(key);
    const merged = ownership.apply(key, existing as Body | undefined, body as Body, manager) as Obj;
    merged.apiVersion = body.apiVersion;
    merged.kind = body.kind;
    merged.metadata = { ...merged.metadata, name, ...(namespace ? { namespace } : {}) };
    merged.status = existing?.status;
    return immutableChange(existing, merged) ?? store(key, existing, withDefaults(merged));
  };

  const scale = (kind: string, namespace: string, name: string, replicas: number) => {
    const key = keyOf(kind, namespace, name);
    const existing = objects.get(key);
    if (!existing) throw new Error(`${key} does not exist`);
    store(
      key,
      existing,
      ownership.update(
        key,
        existing as Body,
        ['spec', 'replicas'],
        replicas,
        CONTROLLER_MANAGER,
      ) as Obj,
    );
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      contentType: req.headers['content-type'],
    });
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const parts = url.pathname.split('/').filter(Boolean);
      // Discovery: /api/v1 and /apis/<group>/<version>.
      const [prefix] = parts;
      const groupVersionLength = prefix === 'api' ? 2 : 3;
      const group = prefix === 'api' ? '' : (parts[1] ?? '');
      const version = parts[groupVersionLength - 1] ?? '';
      const known = RESOURCES.filter(
        (resource) => resource.group === group && resource.version === version,
      );
      if (known.length === 0) return notFound(res, url.pathname);
      const rest = parts.slice(groupVersionLength);
      if (rest.length === 0) {
        return send(res, 200, {
          kind: 'APIResourceList',
          groupVersion: group ? `${group}/${version}` : version,
          resources: known.map((resource) => ({
            name: resource.plural,
            singularName: resource.kind.toLowerCase(),
            namespaced: resource.namespaced,
            kind: resource.kind,
            verbs: ['get', 'list', 'create', 'patch', 'delete'],
          })),
        });
      }
      const namespace = rest[0] === 'namespaces' && rest.length >= 3 ? rest[1] : undefined;
      const [plural, name] = namespace ? rest.slice(2) : rest;
      const resource = known.find((candidate) => candidate.plural === plural);
      if (!resource) return notFound(res, url.pathname);

      if (!name && req.method === 'GET') {
        const items = [...objects.entries()]
          .filter(([key]) => key.startsWith(`${resource.kind}/${namespace ?? ''}/`))
          .map(([, object]) => object);
        return send(res, 200, {
          kind: `${resource.kind}List`,
          apiVersion: group ? `${group}/${version}` : version,
          metadata: {},
          items,
        });
      }
      if (!name && req.method === 'POST') {
        // Create: refused with 409 AlreadyExists when the name is taken, which is what a lock needs.
        const body = JSON.parse(raw) as Obj;
        const created = body.metadata.name;
        if (namespace && !objects.has(keyOf('Namespace', undefined, namespace)))
          return failure(res, 404, 'NotFound', `namespaces "${namespace}" not found`);
        if (objects.has(keyOf(resource.kind, namespace, created)))
          return failure(res, 409, 'AlreadyExists', `${plural} "${created}" already exists`);
        const applied = apply(
          resource,
          namespace,
          created,
          body,
          url.searchParams.get('fieldManager') ?? 'unknown',
        );
        return typeof applied === 'string'
          ? failure(res, 422, 'Invalid', applied)
          : send(res, 201, applied);
      }
      if (!name) return notFound(res, url.pathname);
      const key = keyOf(resource.kind, namespace, name);
      if (req.method === 'PATCH') {
        if (req.headers['content-type'] !== 'application/apply-patch+yaml')
          return send(res, 415, { kind: 'Status', code: 415 });
        if (namespace && !objects.has(keyOf('Namespace', undefined, namespace)))
          return failure(res, 404, 'NotFound', `namespaces "${namespace}" not found`);
        const manager = url.searchParams.get('fieldManager');
        if (!manager)
          return failure(
            res,
            422,
            'Invalid',
            'PATCH requests with apply-patch need a fieldManager',
          );
        const applied = apply(resource, namespace, name, parse(raw) as Obj, manager);
        return typeof applied === 'string'
          ? failure(res, 422, 'Invalid', applied)
          : send(res, 200, applied);
      }
      const object = objects.get(key);
      if (!object) return notFound(res, name);
      if (req.method === 'GET') {
        controllers.reconcile(key, object);
        return send(res, 200, object);
      }
      if (req.method === 'DELETE') {
        const preconditions = (raw ? (JSON.parse(raw) as { preconditions?: { uid?: string } }) : {})
          .preconditions;
        if (preconditions?.uid && preconditions.uid !== object.metadata.uid)
          return failure(
            res,
            409,
            'Conflict',
            `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${String(object.metadata.uid)}`,
          );
        objects.delete(key);
        controllers.forget(key);
        ownership.forget(key);
        return send(res, 200, { kind: 'Status', apiVersion: 'v1', status: 'Success', code: 200 });
      }
      return send(res, 405, { kind: 'Status', code: 405 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    objects,
    stuckImages,
    slowImages,
    replicasHistory,
    scale,
    kubeconfig: (namespace) =>
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        `  - name: stand-in`,
        // Plain HTTP on loopback: client-node wants that said explicitly.
        `    cluster: { server: "${url}", insecure-skip-tls-verify: true }`,
        'users:',
        '  - name: ci',
        '    user: { token: stand-in-token }',
        'contexts:',
        '  - name: stand-in',
        `    context: { cluster: stand-in, user: ci, namespace: ${namespace} }`,
        'current-context: stand-in',
        '',
      ].join('\n'),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
