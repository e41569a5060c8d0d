/** @jest-environment node */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EdgeContainer } from './support/edge-container';

/*
 * On Kubernetes ingress-nginx sends its own errors (the limited Ingresses'
 * 429s) to the storefront's :8081, as its custom-http-errors feature does:
 * path /, X-Code and the other X- headers. The answers must be the Compose
 * edge's (docker/haproxy), read here from its files.
 */
const HAPROXY = join(__dirname, '..', '..', '..', 'docker', 'haproxy');
const haproxy = readFileSync(join(HAPROXY, 'haproxy.cfg'), 'utf8');
const WINDOW = /^\s*presetenv EDGE_RATE_WINDOW_SECONDS (\d+)$/m.exec(haproxy)![1]!;

/** The 429 body HAProxy sends for a route class (its ACL), through the stick counter tracking it. */
function rateLimitedBody(acl: string): unknown {
  const counter = new RegExp(`track-sc(\\d) src table \\S+ if ${acl} `).exec(haproxy)![1]!;
  const line = haproxy.split('\n').find((l) => l.includes(`sc_http_req_rate(${counter})`))!;
  return JSON.parse(/ string '([^']+)'/.exec(line)![1]!);
}
/** The body of one of HAProxy's error files. */
const errorFileBody = (status: number): unknown => {
  const file = readFileSync(join(HAPROXY, 'errors', `${status}.http`), 'utf8');
  return JSON.parse(file.split(/\r?\n\r?\n/).pop()!);
};

/** A request as ingress-nginx makes it to a default-backend for an intercepted code. */
const asTheController = (code: string, ingress: string, uri: string) => ({
  'X-Code': code,
  'X-Format': 'application/json',
  'X-Original-URI': uri,
  'X-Namespace': 'portside',
  'X-Ingress-Name': ingress,
  'X-Service-Name': ingress.replace(/^api-/, ''),
  'X-Service-Port': 'http',
  'X-Request-ID': '4f1c2a9e8b7d6c5e4f3a2b1c0d9e8f7a',
});

const edge = new EdgeContainer();
beforeAll(() => edge.start(), 60_000);
afterAll(() => edge.stop());

describe('the error backend of the Kubernetes edge (:8081)', () => {
  it.each([
    { ingress: 'api-carts', acl: 'cart_path', uri: '/api/carts/c1/lines' },
    { ingress: 'api-orders', acl: 'order_path', uri: '/api/orders' },
    { ingress: 'api-products', acl: 'catalog_path', uri: '/api/products/p1' },
  ])('answers a 429 from $ingress as the Compose edge does', async ({ ingress, acl, uri }) => {
    const response = await fetch(`${edge.errorsUrl}/`, {
      method: 'POST',
      body: '{"quantity":1}',
      headers: asTheController('429', ingress, uri),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('retry-after')).toBe(WINDOW);
    expect(response.headers.get('x-request-id')).toBe('4f1c2a9e8b7d6c5e4f3a2b1c0d9e8f7a');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual(rateLimitedBody(acl));
  });

  it('answers a 429 from another Ingress with the same problem, in general words', async () => {
    const response = await fetch(`${edge.errorsUrl}/`, {
      headers: asTheController('429', 'other"name', '/x'),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe(WINDOW);
    expect(await response.json()).toMatchObject({
      type: '/problems/rate-limited',
      status: 429,
      detail: expect.stringMatching(/^Too many requests from this address/),
    });
  });

  it.each([
    {
      name: 'no X-Code (no ready pod behind the Service)',
      code: undefined,
      status: 503,
      retry: '1',
    },
    { name: 'X-Code 503', code: '503', status: 503, retry: '1' },
    { name: 'X-Code 504', code: '504', status: 504, retry: null },
    { name: 'any other X-Code', code: '418', status: 502, retry: '1' },
  ])('answers $name with the Compose edge’s $status problem', async ({ code, status, retry }) => {
    const response = await fetch(`${edge.errorsUrl}/api/orders`, {
      headers: code ? { 'X-Code': code } : {},
    });
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.headers.get('retry-after')).toBe(retry);
    expect(await response.json()).toEqual(errorFileBody(status));
  });

  it('cannot be asked for an answer by path', async () => {
    const response = await fetch(`${edge.errorsUrl}/@rate-limited`);
    expect(response.status).toBe(503);
  });
});

describe('the public server (:8080)', () => {
  it('ignores X-Code: its routes answer as they always do', async () => {
    const headers = asTheController('429', 'api-orders', '/api/orders');
    const health = await fetch(`${edge.publicUrl}/healthz`, { headers });
    expect([health.status, await health.text()]).toEqual([200, 'ok\n']);
    const unknown = await fetch(`${edge.publicUrl}/api/unknown`, { headers });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ type: '/problems/not-found', status: 404 });
  });
});
