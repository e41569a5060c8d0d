import { Writable } from 'node:stream';
import request from 'supertest';
import { z } from 'zod';
import { createServiceApp } from './app';
import { AppError } from './errors';
import { createLogger } from './logger';
import { createMetrics } from './metrics';
import { Readiness } from './readiness';
import { parseInput } from './validation';

function logSink() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger({ name: 'test', level: 'info', destination }) };
}

const Body = z.strictObject({ quantity: z.number().int().min(1) });

function makeApp(readiness = new Readiness()) {
  const { lines, logger } = logSink();
  const app = createServiceApp({
    logger,
    readiness,
    metrics: createMetrics('test', { defaults: false }),
    routes: (a) => {
      a.post('/things', (req, res) => {
        const body = parseInput(Body, req.body);
        req.log.info({ quantity: body.quantity }, 'made a thing');
        res.status(201).json(body);
      });
      a.get('/things/:id', (req) => {
        throw AppError.notFound(`No thing ${req.params.id}`);
      });
      a.get('/boom', async () => {
        throw new Error('secret database password in this message');
      });
    },
  });
  return { app, lines };
}

describe('createServiceApp', () => {
  it('answers invalid input with problem+json naming the field', async () => {
    const { app } = makeApp();
    const res = await request(app).post('/things').send({ quantity: 0 });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 400,
      title: 'Invalid request',
      type: '/problems/invalid',
    });
    expect(res.body.errors).toEqual([{ field: 'quantity', message: expect.any(String) }]);
  });

  it('rejects unknown keys, naming them', async () => {
    const { app } = makeApp();
    const res = await request(app).post('/things').send({ quantity: 1, price: 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'price', message: 'is not a known field' }]);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const { app } = makeApp();
    const res = await request(app)
      .post('/things')
      .set('content-type', 'application/json')
      .send('{"quantity":');
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('body');
  });

  it('answers an oversized body with 413', async () => {
    const { app } = makeApp();
    const res = await request(app)
      .post('/things')
      .send({ quantity: 1, pad: 'x'.repeat(200_000) });
    expect(res.status).toBe(413);
  });

  it('maps AppError kinds to statuses', async () => {
    const { app } = makeApp();
    const res = await request(app).get('/things/42');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ detail: 'No thing 42', instance: '/things/42' });
  });

  it('hides the internals of unknown errors and logs them', async () => {
    const { app, lines } = makeApp();
    const res = await request(app).get('/boom');
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toContain('secret');
    expect(res.body.detail).toBe('Something went wrong on our side');
    expect(lines.some((l) => l.msg === 'request failed')).toBe(true);
  });

  it('puts the request id on every log line and echoes it back', async () => {
    const { app, lines } = makeApp();
    const res = await request(app)
      .post('/things')
      .set('x-request-id', 'abc-123')
      .send({ quantity: 2 });
    expect(res.headers['x-request-id']).toBe('abc-123');
    const mine = lines.filter(
      (l) => l.requestId === 'abc-123' || (l.req as { id?: string })?.id === 'abc-123',
    );
    expect(mine.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['made a thing', 'request completed']),
    );
    expect(lines.find((l) => l.msg === 'made a thing')?.requestId).toBe('abc-123');
  });

  it('logs one line per answered request, at a level that follows the status', async () => {
    const { app, lines } = makeApp();
    await request(app).get('/things/7').set('x-request-id', 'lost-7');
    await request(app).get('/boom').set('x-request-id', 'boom-1');
    await request(app).post('/things').set('x-request-id', 'made-1').send({ quantity: 1 });
    const completed = lines.filter((l) => l.msg === 'request completed');
    expect(completed).toEqual([
      expect.objectContaining({
        level: 'warn',
        requestId: 'lost-7',
        req: { method: 'GET', url: '/things/7' },
        res: { statusCode: 404 },
        responseTime: expect.any(Number),
      }),
      expect.objectContaining({ level: 'error', requestId: 'boom-1', res: { statusCode: 500 } }),
      expect.objectContaining({ level: 'info', requestId: 'made-1', res: { statusCode: 201 } }),
    ]);
  });

  it('leaves health, readiness and metrics requests out of the log', async () => {
    const { app, lines } = makeApp();
    await request(app).get('/healthz');
    await request(app).get('/readyz');
    await request(app).get('/metrics');
    expect(lines.filter((l) => l.msg === 'request completed')).toEqual([]);
  });

  it('invents a request id when the given one is unsafe', async () => {
    const { app } = makeApp();
    const res = await request(app).get('/healthz').set('x-request-id', 'bad id\twith spaces');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers 404 problem+json for unknown routes', async () => {
    const { app } = makeApp();
    const res = await request(app).get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('counts requests per route pattern in /metrics', async () => {
    const { app } = makeApp();
    await request(app).get('/things/1');
    await request(app).get('/things/2');
    const res = await request(app).get('/metrics');
    expect(res.text).toMatch(
      /http_requests_total\{method="GET",route="\/things\/:id",status="404",service="test"\} 2/,
    );
    expect(res.text).toContain('http_request_duration_seconds_bucket');
  });

  it('sets security headers', async () => {
    const { app } = makeApp();
    const res = await request(app).get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('readiness', () => {
  it('is ready when required checks pass, degraded when an optional one fails', async () => {
    const readiness = new Readiness(
      { db: async () => 1 },
      { optional: { redis: async () => Promise.reject(new Error('down')) } },
    );
    const { app } = makeApp(readiness);
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ready: true, degraded: true, checks: { db: 'up', redis: 'down' } });
  });

  it('fails when a required check fails or hangs', async () => {
    const readiness = new Readiness({ db: () => new Promise(() => undefined) }, { timeoutMs: 20 });
    const { app } = makeApp(readiness);
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body.checks.db).toBe('down');
  });

  it('fails as soon as shutdown begins, while liveness stays up', async () => {
    const readiness = new Readiness();
    const { app } = makeApp(readiness);
    readiness.beginShutdown();
    expect((await request(app).get('/readyz')).status).toBe(503);
    expect((await request(app).get('/healthz')).status).toBe(200);
  });
});
