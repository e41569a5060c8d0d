import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';

/**
 * A stand-in for the Kubernetes API server on 127.0.0.1, for the objects portside uses: discovery,
 * server-side apply (PATCH application/apply-patch+yaml), GET, list, DELETE; and a small
 * Deployment/Job controller. A Deployment rolls out over a few reads; one whose template uses a
 * "stuck" image stops halfway with Progressing=False, reason ProgressDeadlineExceeded, as a cluster
 * does when new pods never become ready within progressDeadlineSeconds.
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
  { group: 'policy', version: 'v1', plural: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true },
  { group: 'networking.k8s.io', version: 'v1', plural: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true },
  { group: 'networking.k8s.io', version: 'v1', plural: 'ingresses', kind: 'Ingress', namespaced: true },
  { group: 'autoscaling', version: 'v2', plural: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', namespaced: true },
];

type Obj = { apiVersion: string; kind: string; metadata: Record<string, unknown> & { name: string; namespace?: string; generation?: number }; spec?: Record<string, unknown>; status?: Record<string, unknown> };

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
  /** Images whose Deployments never finish rolling out. */
  stuckImages: Set<string>;
  kubeconfig(namespace: string): string;
  close(): Promise<void>;
}

const keyOf = (kind: string, namespace: string | undefined, name: string) => `${kind}/${namespace ?? ''}/${name}`;

export async function startKubeApiStandIn(): Promise<KubeApiStandIn> {
  const objects = new Map<string, Obj>();
  const requests: RecordedRequest[] = [];
  const stuckImages = new Set<string>();
  /** Reads since the last spec change, per object: the controller advances one step per read. */
  const steps = new Map<string, number>();

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const notFound = (res: http.ServerResponse, name: string) =>
    send(res, 404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `"${name}" not found` });

  const images = (object: Obj) =>
    (((object.spec?.template as { spec?: { containers?: { image: string }[] } })?.spec?.containers ?? []).map((container) => container.image));

  /** One controller step for a Deployment or Job, applied when it is read. */
  const reconcile = (key: string, object: Obj) => {
    const step = (steps.get(key) ?? 0) + 1;
    steps.set(key, step);
    const generation = object.metadata.generation ?? 1;
    if (object.kind === 'Job') {
      object.status = step >= 2 ? { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] } : { active: 1 };
      return;
    }
    if (object.kind !== 'Deployment') return;
    const desired = (object.spec?.replicas as number | undefined) ?? 1;
    const previous = object.status ?? {};
    if (step === 1) return; // the controller has not seen the new generation yet
    if (images(object).some((image) => stuckImages.has(image))) {
      object.status = {
        observedGeneration: generation,
        replicas: desired + 1,
        updatedReplicas: 1,
        availableReplicas: (previous.availableReplicas as number | undefined) ?? 0,
        readyReplicas: (previous.readyReplicas as number | undefined) ?? 0,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${object.metadata.name}" has timed out progressing.` }],
      };
      return;
    }
    const updated = Math.min(desired, step - 1);
    const rolledOut = updated === desired && step >= desired + 2;
    object.status = {
      observedGeneration: generation,
      replicas: rolledOut ? desired : desired + 1,
      updatedReplicas: updated,
      availableReplicas: rolledOut ? desired : Math.max(0, updated - 1),
      readyReplicas: rolledOut ? desired : Math.max(0, updated - 1),
      conditions: [{ type: 'Progressing', status: 'True', reason: rolledOut ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated' }],
    };
  };

  const apply = (resource: Resource, namespace: string | undefined, name: string, body: Obj): Obj => {
    const key = keyOf(resource.kind, namespace, name);
    const existing = objects.get(key);
    const merged: Obj = {
      ...existing,
      ...body,
      metadata: { ...existing?.metadata, ...body.metadata, name, ...(namespace ? { namespace } : {}) },
      spec: body.spec ? { ...existing?.spec, ...body.spec } : existing?.spec,
      status: existing?.status,
    };
    const specChanged = JSON.stringify(existing?.spec) !== JSON.stringify(merged.spec);
    merged.metadata.generation = (existing?.metadata.generation ?? 0) + (specChanged || !existing ? 1 : 0);
    merged.metadata.uid ??= `uid-${objects.size + 1}`;
    if (specChanged) steps.set(key, 0);
    objects.set(key, merged);
    return merged;
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    requests.push({ method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), contentType: req.headers['content-type'] });
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const parts = url.pathname.split('/').filter(Boolean);
      // Discovery: /api/v1 and /apis/<group>/<version>.
      const [prefix] = parts;
      const groupVersionLength = prefix === 'api' ? 2 : 3;
      const group = prefix === 'api' ? '' : (parts[1] ?? '');
      const version = parts[groupVersionLength - 1] ?? '';
      const known = RESOURCES.filter((resource) => resource.group === group && resource.version === version);
      if (known.length === 0) return notFound(res, url.pathname);
      const rest = parts.slice(groupVersionLength);
      if (rest.length === 0) {
        return send(res, 200, {
          kind: 'APIResourceList',
          groupVersion: group ? `${group}/${version}` : version,
          resources: known.map((resource) => ({ name: resource.plural, singularName: resource.kind.toLowerCase(), namespaced: resource.namespaced, kind: resource.kind, verbs: ['get', 'list', 'patch', 'delete'] })),
        });
      }
      const namespace = rest[0] === 'namespaces' && rest.length >= 3 ? rest[1] : undefined;
      const [plural, name] = namespace ? rest.slice(2) : rest;
      const resource = known.find((candidate) => candidate.plural === plural);
      if (!resource) return notFound(res, url.pathname);

      if (!name && req.method === 'GET') {
        const items = [...objects.entries()].filter(([key]) => key.startsWith(`${resource.kind}/${namespace ?? ''}/`)).map(([, object]) => object);
        return send(res, 200, { kind: `${resource.kind}List`, apiVersion: group ? `${group}/${version}` : version, metadata: {}, items });
      }
      if (!name) return notFound(res, url.pathname);
      const key = keyOf(resource.kind, namespace, name);
      if (req.method === 'PATCH') {
        if (req.headers['content-type'] !== 'application/apply-patch+yaml') return send(res, 415, { kind: 'Status', code: 415 });
        return send(res, 200, apply(resource, namespace, name, parse(raw) as Obj));
      }
      const object = objects.get(key);
      if (!object) return notFound(res, name);
      if (req.method === 'GET') {
        reconcile(key, object);
        return send(res, 200, object);
      }
      if (req.method === 'DELETE') {
        objects.delete(key);
        steps.delete(key);
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
