import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, runWithContext } from '@portside/service-kit';
import { createHttpClient } from './client';

/** A real HTTP server on 127.0.0.1 whose answers each test scripts. */
function scriptedServer(answers: Array<{ status: number; body?: unknown; delayMs?: number }>) {
  const seen: Array<{ method?: string; url?: string; requestId?: string; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, requestId: req.headers['x-request-id'] as string, body });
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)]!;
      setTimeout(() => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      }, answer.delayMs ?? 0);
    });
  });
  return new Promise<{ url: string; seen: typeof seen; close: () => Promise<void> }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        seen,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    }),
  );
}

describe('createHttpClient', () => {
  it('returns client errors to the caller without retrying', async () => {
    const srv = await scriptedServer([{ status: 404, body: { title: 'Not found' } }]);
    const client = createHttpClient({ name: 'catalog', baseUrl: srv.url, backoffMs: 1 });
    const res = await client.request({ method: 'GET', path: '/api/products/x' });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ title: 'Not found' });
    expect(srv.seen).toHaveLength(1);
    await srv.close();
  });

  it('retries an idempotent request after a 503 and forwards the request id', async () => {
    const srv = await scriptedServer([{ status: 503 }, { status: 200, body: { ok: true } }]);
    const client = createHttpClient({ name: 'catalog', baseUrl: srv.url, backoffMs: 1 });
    const res = await runWithContext({ requestId: 'req-123' }, () =>
      client.request({ method: 'GET', path: '/a', query: { ids: 'x,y', skip: undefined } }),
    );
    expect(res.status).toBe(200);
    expect(srv.seen.map((s) => s.url)).toEqual(['/a?ids=x%2Cy', '/a?ids=x%2Cy']);
    expect(srv.seen[1]?.requestId).toBe('req-123');
    await srv.close();
  });

  it('does not repeat a POST unless told the endpoint is idempotent', async () => {
    const srv = await scriptedServer([{ status: 503 }]);
    const client = createHttpClient({ name: 'catalog', baseUrl: srv.url, backoffMs: 1 });
    await expect(client.request({ method: 'POST', path: '/r', body: { a: 1 } })).rejects.toBeInstanceOf(AppError);
    expect(srv.seen).toHaveLength(1);
    await expect(client.request({ method: 'POST', path: '/r', retry: true })).rejects.toThrow(
      'The catalog service is unavailable',
    );
    expect(srv.seen).toHaveLength(1 + 3);
    await srv.close();
  });

  it('gives up on a slow upstream after the timeout, as unavailable', async () => {
    const srv = await scriptedServer([{ status: 200, body: {}, delayMs: 500 }]);
    const client = createHttpClient({ name: 'cart', baseUrl: srv.url, timeoutMs: 50, retries: 1, backoffMs: 1 });
    const err = await client.request({ method: 'GET', path: '/slow' }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).kind).toBe('unavailable');
    expect((err as AppError).code).toBe('cart_unavailable');
    await srv.close();
  });

  it('reports a closed port as unavailable', async () => {
    const client = createHttpClient({ name: 'order', baseUrl: 'http://127.0.0.1:1', retries: 0 });
    await expect(client.request({ method: 'GET', path: '/' })).rejects.toMatchObject({ kind: 'unavailable' });
  });
});
