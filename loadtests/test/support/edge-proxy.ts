import { spawn } from 'node:child_process';

/** The edge's routes (docker/nginx): path prefix to the service that owns it, paths passed unchanged. */
export const EDGE_ROUTES = [
  { prefix: '/api/products', service: 'catalog' },
  { prefix: '/api/categories', service: 'catalog' },
  { prefix: '/api/images', service: 'catalog' },
  { prefix: '/api/openapi.json', service: 'catalog' },
  { prefix: '/api/carts', service: 'cart' },
  { prefix: '/api/orders', service: 'order' },
] as const;

export type Upstreams = Record<'catalog' | 'cart' | 'order', string>;

/* Runs in its own process, like nginx: the k6 shim blocks the test's thread during each request. */
const PROXY_SOURCE = `
const http = require('node:http');
const { routes, upstreams } = JSON.parse(process.argv[1]);
const agent = new http.Agent({ keepAlive: true });
const server = http.createServer((req, res) => {
  const route = routes.find((r) => req.url === r.prefix || req.url.startsWith(r.prefix + '/') || req.url.startsWith(r.prefix + '?'));
  if (!route) {
    res.writeHead(404, { 'content-type': 'application/problem+json' });
    return res.end(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404 }));
  }
  const target = new URL(req.url, upstreams[route.service]);
  const upstream = http.request(target, { method: req.method, headers: req.headers, agent }, (up) => {
    res.writeHead(up.statusCode, up.headers);
    up.pipe(res);
  });
  upstream.on('error', () => {
    if (res.headersSent) return res.destroy();
    res.writeHead(502, { 'content-type': 'application/problem+json' });
    res.end(JSON.stringify({ type: 'about:blank', title: 'Bad Gateway', status: 502 }));
  });
  req.pipe(upstream);
});
server.listen(0, '127.0.0.1', () => console.log(String(server.address().port)));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

/** Starts a stand-in for the nginx edge on a free port and returns its URL and a stop function. */
export function startEdgeProxy(
  upstreams: Upstreams,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['-e', PROXY_SOURCE, JSON.stringify({ routes: EDGE_ROUTES, upstreams })],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`edge proxy exited early (${code})`)));
    child.stdout.once('data', (chunk: Buffer) => {
      child.removeAllListeners('exit');
      resolve({
        url: `http://127.0.0.1:${chunk.toString().trim()}`,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
