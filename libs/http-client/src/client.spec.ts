import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, runWithContext } from '@portside/service-kit';
import { createHttpClient } from './client';

/** A real HTTP server on 127.0.0.1 whose answers each test scripts. */
function scriptedServer(
  answers: Array<{ status: number; body?: unknown; delayMs?: number; cutShort?: boolean }>,
) {
  const seen: Array<{
    method?: string;
    url?: string;
    requestId?: string;
    contentType?: string;
    body: string;
  }> = [];
  let connections = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({
        method: req.method,
        url: req.url,
        requestId: req.headers['x-request-id'] as string,
        contentType: req.headers['content-type'],
        body,
      });
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)]!;
      setTimeout(() => {
        const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
        res.writeHead(answer.status, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(text) + (answer.cutShort ? 10 : 0),
        });
        if (answer.cutShort) {
          res.write(text);
          res.socket?.destroy();
        } else res.end(text);
      }, answer.delayMs ?? 0);
    });
  });
  server.on('connection', () => connections++);
  return new Promise<{
    url: string;
    seen: typeof seen;
    connections: () => number;
    close: () => Promise<void>;
  }>((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        seen,
        connections: () => connections,
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
    await expect(
      client.request({ method: 'POST', path: '/r', body: { a: 1 } }),
    ).rejects.toBeInstanceOf(AppError);
    expect(srv.seen).toHaveLength(1);
    await expect(client.request({ method: 'POST', path: '/r', retry: true })).rejects.toThrow(
      'The catalog service is unavailable',
    );
    expect(srv.seen).toHaveLength(1 + 3);
    await srv.close();
  });

  it('gives up on a slow upstream after the timeout, as unavailable', async () => {
    const srv = await scriptedServer([{ status: 200, body: {}, delayMs: 500 }]);
    const client = createHttpClient({
      name: 'cart',
      baseUrl: srv.url,
      timeoutMs: 50,
      retries: 1,
      backoffMs: 1,
    });
    const err = await client.request({ method: 'GET', path: '/slow' }).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).kind).toBe('unavailable');
    expect((err as AppError).code).toBe('cart_unavailable');
    await srv.close();
  });

  it('sends JSON bodies and reuses one kept-alive connection for calls in a row', async () => {
    const srv = await scriptedServer([{ status: 201, body: { id: 'r1' } }]);
    const client = createHttpClient({ name: 'catalog', baseUrl: srv.url, backoffMs: 1 });
    for (let i = 0; i < 3; i++) {
      const res = await client.request({ method: 'POST', path: '/r', body: { line: i } });
      expect(res).toMatchObject({ status: 201, body: { id: 'r1' } });
    }
    expect(srv.seen.map((s) => [s.contentType, s.body])).toEqual(
      [0, 1, 2].map((i) => ['application/json', JSON.stringify({ line: i })]),
    );
    expect(srv.connections()).toBe(1);
    await srv.close();
  });

  it('treats an answer cut short as a failed attempt and tries again', async () => {
    const srv = await scriptedServer([
      { status: 200, body: { items: [] }, cutShort: true },
      { status: 200, body: { items: [1] } },
    ]);
    const client = createHttpClient({ name: 'catalog', baseUrl: srv.url, backoffMs: 1 });
    const res = await client.request({ method: 'GET', path: '/p' });
    expect(res.body).toEqual({ items: [1] });
    expect(srv.seen).toHaveLength(2);
    await srv.close();
  });

  it('reports a closed port as unavailable', async () => {
    const client = createHttpClient({ name: 'order', baseUrl: 'http://127.0.0.1:1', retries: 0 });
    await expect(client.request({ method: 'GET', path: '/' })).rejects.toMatchObject({
      kind: 'unavailable',
    });
  });
});
