import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  named,
  ofKind,
  OVERLAYS,
  podTemplates,
  rendered,
  type KubeObject,
} from './support/rendered';

/*
 * ingress-nginx answers a rate limit with its own HTML page unless the Ingress
 * sends its 429 to a default-backend (custom-http-errors): the storefront's
 * error server (apps/storefront/nginx/edge-errors.conf, tested in a real nginx
 * by apps/storefront/test/edge-errors.test.ts) answers the Compose edge's
 * problem+json. Here: every limited Ingress is wired to it, and only there.
 */
const ERRORS_CONF = join(__dirname, '../../../apps/storefront/nginx/edge-errors.conf');
const ERROR_PORT = Number(/^\s*listen (\d+);$/m.exec(readFileSync(ERRORS_CONF, 'utf8'))![1]);

const LIMIT_RPS = 'nginx.ingress.kubernetes.io/limit-rps';
const CUSTOM_ERRORS = 'nginx.ingress.kubernetes.io/custom-http-errors';
const DEFAULT_BACKEND = 'nginx.ingress.kubernetes.io/default-backend';

interface ServiceSpec {
  selector: Record<string, string>;
  ports: { name?: string; port: number; targetPort: string | number }[];
}
type ContainerPort = { name?: string; containerPort: number };
/** The container port a Service's targetPort (a name or a number) reaches. */
const reachedPort = (ports: ContainerPort[], targetPort: string | number) =>
  ports.find((p) => p.name === targetPort || p.containerPort === targetPort)?.containerPort;
const storefrontPorts = (objects: KubeObject[]): ContainerPort[] =>
  podTemplates(objects)
    .find(({ owner }) => owner.metadata.name === 'storefront')!
    .template.spec.containers.flatMap((c) => c.ports ?? []);

const backendServices = (ingress: KubeObject): string[] =>
  (
    ingress.spec as { rules: { http: { paths: { backend: { service: { name: string } } }[] } }[] }
  ).rules.flatMap((rule) => rule.http.paths.map((path) => path.backend.service.name));

describe.each(OVERLAYS)('the rate limits’ answers in the %s overlay', (overlay) => {
  const objects = rendered(overlay);
  const ingresses = ofKind(objects, 'Ingress');
  const limited = ingresses.filter((i) => i.metadata.annotations?.[LIMIT_RPS]);

  it('sends every limited Ingress’s 429 to a default-backend, and nothing else', () => {
    expect(limited.length).toBeGreaterThanOrEqual(3);
    for (const ingress of limited) {
      const annotations = ingress.metadata.annotations!;
      expect([ingress.metadata.name, annotations[CUSTOM_ERRORS]]).toEqual([
        ingress.metadata.name,
        '429',
      ]);
      expect(annotations[DEFAULT_BACKEND]).toBeTruthy();
    }
    const unlimited = ingresses.filter((i) => !limited.includes(i));
    expect(unlimited.filter((i) => i.metadata.annotations?.[CUSTOM_ERRORS])).toEqual([]);
  });

  it.each(limited.map((i) => [i.metadata.name, i.metadata.annotations![DEFAULT_BACKEND]!]))(
    '%s’s default-backend %s is a Service whose one port reaches the storefront’s error server',
    (_ingress, serviceName) => {
      const service = named(objects, 'Service', serviceName).spec as ServiceSpec;
      // ingress-nginx sends to the Service's first port: there is only one.
      expect(service.ports).toHaveLength(1);
      const [{ targetPort }] = service.ports as [ServiceSpec['ports'][0]];
      const pods = podTemplates(objects).filter(({ template }) =>
        Object.entries(service.selector).every(([k, v]) => template.metadata.labels[k] === v),
      );
      expect(pods.map(({ owner }) => owner.metadata.name)).toEqual(['storefront']);
      expect(reachedPort(storefrontPorts(objects), targetPort)).toBe(ERROR_PORT);
    },
  );

  it('routes no public path to the error server', () => {
    const errorServices = new Set(limited.map((i) => i.metadata.annotations![DEFAULT_BACKEND]!));
    expect(ingresses.flatMap(backendServices).filter((s) => errorServices.has(s))).toEqual([]);
    const storefront = named(objects, 'Service', 'storefront').spec as ServiceSpec;
    const reached = storefront.ports.map((p) =>
      reachedPort(storefrontPorts(objects), p.targetPort),
    );
    expect(reached).not.toContain(ERROR_PORT);
  });
});
