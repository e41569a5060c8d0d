import { Agent, request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { createServiceApp } from './app';
import { createLogger } from './logger';
import { createMetrics } from './metrics';
import { Readiness } from './readiness';
import { startServer } from './server';

const silent = createLogger({
  name: 'test',
  level: 'silent',
  destination: new Writable({ write: (_c, _e, done) => done() }),
});

function get(port: number, path: string, agent?: Agent) {
  return new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** A service app with the given routes, started on a free port with its own readiness. */
async function startTestServer(
  routes: Parameters<typeof createServiceApp>[0]['routes'],
  options: { shutdownTimeoutMs: number; onShutdown?: Array<() => Promise<void>> },
) {
  const readiness = new Readiness();
  const app = createServiceApp({
    logger: silent,
    readiness,
    metrics: createMetrics('t', { defaults: false }),
    routes,
  });
  const running = await startServer({
    app,
    port: 0,
    host: '127.0.0.1',
    logger: silent,
    readiness,
    ...options,
  });
  return { readiness, running };
}

describe('startServer shutdown', () => {
  it('lets an in-flight request finish, then closes dependencies in order', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const closed: string[] = [];
    const { readiness, running } = await startTestServer(
      (a) =>
        a.get('/slow', async (_req, res) => {
          await gate;
          res.json({ done: true });
        }),
      {
        shutdownTimeoutMs: 5000,
        onShutdown: [async () => void closed.push('db'), async () => void closed.push('redis')],
      },
    );

    const agent = new Agent({ keepAlive: true });
    await get(running.port, '/healthz', agent); // leaves an idle keep-alive connection open
    const inFlight = get(running.port, '/slow');
    await new Promise((r) => setTimeout(r, 50));
    const stopping = running.shutdown('SIGTERM');
    expect(readiness.shuttingDown).toBe(true);
    expect(closed).toEqual([]);

    release();
    await expect(inFlight).resolves.toMatchObject({
      status: 200,
      body: '{"done":true}',
      connection: 'close',
    });
    await stopping;
    expect(closed).toEqual(['db', 'redis']);
    expect(running.server.listening).toBe(false);
    agent.destroy();
  });

  it('cuts connections that outlive the drain budget', async () => {
    const { running } = await startTestServer((a) => a.get('/hang', () => undefined), {
      shutdownTimeoutMs: 100,
    });
    const hung = get(running.port, '/hang').catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 50));
    await running.shutdown();
    expect(String(await hung)).toMatch(/socket hang up|ECONNRESET/);
    expect(running.server.listening).toBe(false);
  });

  it('answers a request that arrives on a connection accepted before shutdown began', async () => {
    const { running } = await startTestServer(
      (a) => a.post('/orders', (_req, res) => void res.status(201).json({ ok: true })),
      { shutdownTimeoutMs: 5000 },
    );

    // A proxy has connected but its request is still on the way when SIGTERM lands.
    const socket = connect(running.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    await new Promise((r) => setTimeout(r, 50));
    const stopping = running.shutdown('SIGTERM');
    await new Promise((r) => setTimeout(r, 250));

    let answer = '';
    socket.on('data', (c) => (answer += c));
    const ended = new Promise((r) => socket.once('close', r));
    socket.write(
      'POST /orders HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
    );
    await ended;
    await stopping;

    expect(answer).toMatch(/^HTTP\/1\.1 201/);
    expect(answer.toLowerCase()).toContain('connection: close');
  });
});
