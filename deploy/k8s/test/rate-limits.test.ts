import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ofKind, OVERLAYS, rendered, type KubeObject } from './support/rendered';

/*
 * The Compose edge (docker/haproxy/haproxy.cfg) is the source of the limits: its
 * presetenv defaults and its route classes. The Ingresses must say the same in
 * ingress-nginx's terms: N writes per window is a rate of N / window a second
 * with a burst of N.
 */
const REPO = join(__dirname, '..', '..', '..');
const haproxy = readFileSync(join(REPO, 'docker', 'haproxy', 'haproxy.cfg'), 'utf8');
const preset = (name: string) =>
  Number(new RegExp(`^\\s*presetenv ${name} (\\d+)$`, 'm').exec(haproxy)![1]);
const classPath = (acl: string) =>
  new RegExp(new RegExp(`^\\s*acl ${acl} path_reg (\\S+)$`, 'm').exec(haproxy)![1]!);

const WINDOW = preset('EDGE_RATE_WINDOW_SECONDS');
const CLASSES = [
  { variable: 'EDGE_RATE_CART_WRITES', acl: 'cart_path', ingress: 'api-carts' },
  { variable: 'EDGE_RATE_CHECKOUTS', acl: 'order_path', ingress: 'api-orders' },
  { variable: 'EDGE_RATE_ADMIN_WRITES', acl: 'catalog_path', ingress: 'api-products' },
].map((c) => ({ ...c, limit: preset(c.variable), path: classPath(c.acl) }));

/** Every write operation of the public API, from the reference rendered from the OpenAPI document. */
const WRITES = [
  ...readFileSync(join(REPO, 'docs', 'api.md'), 'utf8').matchAll(
    /^## (POST|PUT|PATCH|DELETE) (\/\S+)$/gm,
  ),
].map((m) => ({ method: m[1]!, path: m[2]!.replace(/\{[^}]+\}/g, 'x') }));

const LIMIT_RPS = 'nginx.ingress.kubernetes.io/limit-rps';
const BURST = 'nginx.ingress.kubernetes.io/limit-burst-multiplier';

interface IngressPath {
  path: string;
  pathType: string;
}
const pathsOf = (ingress: KubeObject): IngressPath[] =>
  (ingress.spec as { rules: { http: { paths: IngressPath[] } }[] }).rules.flatMap(
    (rule) => rule.http.paths,
  );
/** Kubernetes Prefix matching: whole path segments. */
const matches = (prefix: string, path: string) =>
  prefix === '/' || path === prefix || path.startsWith(`${prefix}/`);

describe.each(OVERLAYS)('rate limits in the %s overlay', (overlay) => {
  const ingresses = ofKind(rendered(overlay), 'Ingress');
  /** The Ingress whose longest matching prefix takes a request, as the controller picks it. */
  const routeOf = (path: string) =>
    ingresses
      .flatMap((ingress) => pathsOf(ingress).map((p) => ({ ingress, prefix: p.path })))
      .filter(({ prefix }) => matches(prefix, path))
      .sort((a, b) => b.prefix.length - a.prefix.length)[0]!.ingress;

  it('reads the Compose edge’s defaults', () => {
    expect(WINDOW).toBeGreaterThan(0);
    expect(CLASSES.map((c) => c.limit).every((limit) => limit > 0)).toBe(true);
    expect(WRITES.length).toBeGreaterThanOrEqual(6);
  });

  it.each(CLASSES)(
    '$ingress allows $variable per window, as the Compose edge does, and routes only that class',
    ({ ingress: name, limit, path }) => {
      const ingress = ingresses.find((i) => i.metadata.name === name)!;
      const annotations = ingress.metadata.annotations ?? {};
      expect(Number(annotations[LIMIT_RPS]) * WINDOW).toBe(limit);
      expect(Number(annotations[BURST])).toBe(WINDOW);
      for (const { path: prefix } of pathsOf(ingress)) expect(`${prefix}/x`).toMatch(path);
    },
  );

  it('sends every write of the API through the limited Ingress of its class', () => {
    for (const write of WRITES) {
      const routeClass = CLASSES.find((c) => c.path.test(write.path))!;
      expect([write.method, write.path, routeOf(write.path).metadata.name]).toEqual([
        write.method,
        write.path,
        routeClass.ingress,
      ]);
    }
  });

  it('limits nothing else', () => {
    const limited = ingresses.filter((i) => i.metadata.annotations?.[LIMIT_RPS]);
    expect(limited.map((i) => i.metadata.name).sort()).toEqual(
      CLASSES.map((c) => c.ingress).sort(),
    );
    expect(routeOf('/api/images/products/x.svg').metadata.annotations?.[LIMIT_RPS]).toBeUndefined();
    expect(routeOf('/').metadata.annotations?.[LIMIT_RPS]).toBeUndefined();
  });
});
