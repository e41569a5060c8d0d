import request from 'supertest';
import { createServiceApp } from './app';
import { FaultSwitches } from './faults';
import { createLogger } from './logger';
import { createMetrics } from './metrics';
import { observabilityConfigSchema } from './observability-config';
import { Readiness } from './readiness';

const TOKEN = 'trainer-token-0123456789';

function makeApp(random = () => 0) {
  const logger = createLogger({ name: 'test', level: 'silent' });
  const metrics = createMetrics('test', { defaults: false });
  const faults = new FaultSwitches(TOKEN, metrics, logger, random);
  const app = createServiceApp({
    logger,
    readiness: new Readiness(),
    metrics,
    faults,
    routes: (a) => {
      a.get('/products', (_req, res) => void res.json({ items: [] }));
      a.get('/carts/:id', (_req, res) => void res.json({ id: 'c' }));
    },
  });
  const put = (faults: unknown[]) =>
    request(app).put('/admin/faults').set('authorization', `Bearer ${TOKEN}`).send({ faults });
  return { app, metrics, put };
}

describe('fault switches', () => {
  it('refuses to switch without the token, or with another one', async () => {
    const { app } = makeApp();
    const none = await request(app).put('/admin/faults').send({ faults: [] });
    expect(none.status).toBe(401);
    const wrong = await request(app)
      .put('/admin/faults')
      .set('authorization', 'Bearer not-the-trainer-token')
      .send({ faults: [] });
    expect(wrong.status).toBe(403);
  });

  it('names the field of a bad fault', async () => {
    const { put } = makeApp();
    const res = await put([{ route: '/products', errorRate: 2 }]);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'faults.0.errorRate', message: expect.any(String) }]);
  });

  it('fails the matching route only, with problem+json, and counts it', async () => {
    const { app, metrics, put } = makeApp();
    expect((await put([{ route: '/products', errorRate: 1 }])).status).toBe(200);

    const failed = await request(app).get('/products');
    expect(failed.status).toBe(503);
    expect(failed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(failed.body).toMatchObject({ code: 'injected_fault', status: 503 });
    expect((await request(app).get('/carts/1')).status).toBe(200);
    expect((await request(app).get('/healthz')).status).toBe(200);

    const text = await metrics.registry.metrics();
    expect(text).toMatch(/portside_faults_injected_total\{kind="error",service="test"\} 1/);
    expect(text).toMatch(/http_requests_total\{method="GET",route="\/products",status="503"/);
  });

  it('holds requests during a pause and lets them go when the faults are cleared', async () => {
    const { app, put } = makeApp();
    await put([{ route: '/carts', pause: true }]);
    let answered = false;
    const held = request(app)
      .get('/carts/1')
      .then((res) => {
        answered = true;
        return res;
      });
    // The products route is not paused: once it answers, the held request has surely arrived.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await request(app).get('/products')).status).toBe(200);
    expect(answered).toBe(false);

    const cleared = await request(app)
      .delete('/admin/faults')
      .set('authorization', `Bearer ${TOKEN}`);
    expect(cleared.status).toBe(204);
    expect((await held).status).toBe(200);
  });

  it('adds latency to matching requests only', async () => {
    const { app, put } = makeApp();
    await put([{ route: '/products', method: 'GET', latencyMs: 300 }]);
    const started = Date.now();
    await request(app).get('/products');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const listed = await request(app).get('/admin/faults').set('authorization', `Bearer ${TOKEN}`);
    expect(listed.body.faults).toEqual([
      { route: '/products', method: 'GET', latencyMs: 300, errorStatus: 503 },
    ]);
  });

  it('does not exist unless a token is configured', async () => {
    const logger = createLogger({ name: 'test', level: 'silent' });
    const app = createServiceApp({
      logger,
      readiness: new Readiness(),
      metrics: createMetrics('test', { defaults: false }),
      routes: () => undefined,
    });
    expect((await request(app).get('/admin/faults')).status).toBe(404);
  });

  it('is refused at boot in production mode', () => {
    const result = observabilityConfigSchema.safeParse({
      DEPLOYMENT_MODE: 'production',
      FAULT_SWITCHES_TOKEN: TOKEN,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['FAULT_SWITCHES_TOKEN']);
  });
});
