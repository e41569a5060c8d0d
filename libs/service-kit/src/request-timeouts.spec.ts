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

describe('startServer request timeouts', () => {
  it('answers 408 and closes the socket of a client that never finishes its headers', async () => {
    const readiness = new Readiness();
    const app = createServiceApp({
      logger: silent,
      readiness,
      metrics: createMetrics('t', { defaults: false }),
      routes: () => undefined,
    });
    const running = await startServer({
      app,
      port: 0,
      host: '127.0.0.1',
      logger: silent,
      readiness,
      requestTimeoutMs: 600,
      headersTimeoutMs: 300,
    });
    try {
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(running.port, '127.0.0.1', () => {
          // A slow-header client: a request line and one header, then nothing.
          socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
        });
        let received = '';
        socket.on('data', (chunk) => (received += chunk.toString()));
        socket.on('close', () => resolve(received));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await running.shutdown();
    }
  });
});
