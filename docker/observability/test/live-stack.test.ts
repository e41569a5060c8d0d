import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { setFaults } from './support/faults';
import { graph } from './support/graphs';
import { eventually, hasData, layerDir, query } from './support/prometheus';
import { remoteWrite } from './support/remote-write';
import { call, checkout, products, shortLoad } from './support/shop';
import { startStack, TIME_SCALE, type Stack } from './support/stack';
import { eventuallySpans, type ReceivedSpan } from './support/traces';

/*
 * The real Compose stack with the observability layer, under a project of its
 * own: the services from their images, the HAProxy edge, Prometheus with the
 * layer's rules and scrape jobs, Alertmanager, the exporters, and an OTLP
 * endpoint standing in for Jaeger under its name. Traffic goes through the
 * edge; every dashboard query and every rule is evaluated against what
 * Prometheus scraped.
 */

let stack: Stack;

type Rule = { record?: string; alert?: string; expr: string; labels?: Record<string, string> };

beforeAll(async () => {
  stack = await startStack(randomBytes(4).toString('hex'));
}, 600_000);

afterAll(async () => {
  await stack?.stop();
}, 180_000);

const SERVER = 2;

/** Runs until() while a shopper browses through the edge every 100 ms. */
async function whileBrowsing<T>(edge: string, until: () => Promise<T>): Promise<T> {
  let browsing = true;
  const shopper = (async () => {
    while (browsing) {
      await fetch(`${edge}/api/products?limit=1`).then((r) => r.arrayBuffer());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  try {
    return await until();
  } finally {
    browsing = false;
    await shopper;
  }
}

/** Whether the layer's Alertmanager holds an alert with these labels, within 30 s. */
async function alertmanagerHas(stack: Stack, labels: Record<string, string>): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await fetch(`${stack.alertmanager}/api/v2/alerts`);
    const alerts = (await res.json()) as Array<{ labels: Record<string, string> }>;
    const found = alerts.some((a) => Object.entries(labels).every(([k, v]) => a.labels[k] === v));
    if (found || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
const dbSystem = (s: ReceivedSpan) => s.attributes['db.system'] ?? s.attributes['db.system.name'];

describe('traces', () => {
  it('follow one checkout from the trace the edge starts through order to catalog and cart, with PostgreSQL and Redis spans from the images', async () => {
    const [product] = await products(stack.edge);
    const order = await checkout(stack.edge, (product as { id: string }).id);
    expect(order.status).toBe(201);
    // The client sent no traceparent: the edge made one and says which.
    const traceId = order.headers.get('x-trace-id') ?? '';
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    const complete = (spans: ReceivedSpan[]) =>
      ['order', 'catalog', 'cart'].every((svc) =>
        spans.some((s) => s.service === svc && s.kind === SERVER),
      ) && ['postgresql', 'redis'].every((db) => spans.some((s) => dbSystem(s) === db));
    const spans = await eventuallySpans(stack.traces, traceId, complete);
    const summary = spans.map((s) => `${s.service} ${s.kind} ${s.name} ${dbSystem(s) ?? ''}`);
    expect({ summary, complete: complete(spans) }).toEqual({ summary, complete: true });

    const byId = new Map(spans.map((s) => [s.spanId, s]));
    // order's answer hangs from the edge's context: a parent that is no span
    // of any service (HAProxy records none).
    const orderServer = spans.filter((s) => s.service === 'order' && s.kind === SERVER);
    expect(orderServer.some((s) => s.parentSpanId && !byId.has(s.parentSpanId))).toBe(true);
    // catalog's and cart's answers to order hang from client spans of order's.
    for (const svc of ['catalog', 'cart']) {
      const parents = spans
        .filter((s) => s.service === svc && s.kind === SERVER)
        .map((s) => byId.get(s.parentSpanId)?.service);
      expect({ svc, parents: [...new Set(parents)] }).toEqual({
        svc,
        parents: expect.arrayContaining(['order']),
      });
    }
    // The database and Redis spans come from the bundled images (pg and ioredis loaded, not inlined).
    const db = (system: string) =>
      new Set(spans.filter((s) => dbSystem(s) === system).map((s) => s.service));
    expect(db('postgresql')).toEqual(new Set(['order', 'catalog']));
    expect([...db('redis')]).toEqual(expect.arrayContaining(['cart']));
  });

  it('keep a well-formed traceparent the client sent', async () => {
    const traceId = randomBytes(16).toString('hex');
    const res = await call(`${stack.edge}/api/categories`, {
      headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-trace-id')).toBe(traceId);
    const spans = await eventuallySpans(stack.traces, traceId, (s) => s.length > 0);
    expect(spans.map((s) => s.service)).toContain('catalog');
  });
});

describe('metrics', () => {
  beforeAll(async () => {
    const statuses = await shortLoad(stack.edge, 12);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    // What k6 writes with -o experimental-prometheus-rw (k6 itself cannot run here).
    const now = Date.now();
    const at = (value: number) =>
      [0, 1, 2].map((i) => ({ value: value * (i + 1), timestamp: now - 2000 + i * 1000 }));
    await remoteWrite(stack.prometheus, [
      { labels: { __name__: 'k6_vus' }, samples: at(5) },
      ...['browse', 'checkout'].flatMap((journey) => [
        { labels: { __name__: 'k6_http_reqs_total', journey }, samples: at(40) },
        { labels: { __name__: 'k6_http_req_duration_p95', journey }, samples: at(0.1) },
        { labels: { __name__: 'k6_http_req_duration_p99', journey }, samples: at(0.2) },
        { labels: { __name__: 'k6_http_req_failed_rate', journey }, samples: at(0) },
        { labels: { __name__: 'k6_checks_rate', journey }, samples: at(1) },
      ]),
    ]);
    // Every journey's SLO series exists once the load has been scraped and the rules evaluated.
    const slo = await eventually(
      stack.prometheus,
      'count(journey:portside_slo_bad:ratio_rate5m)',
      (r) => Number(r.data?.result[0]?.value[1]) === 12,
    );
    expect(slo.data?.result[0]?.value[1]).toBe('12');
  }, 120_000);

  it('scrapes every target of the layer: each service, the edge, the exporters, Alertmanager and itself', async () => {
    const jobs = [
      'alertmanager',
      'cart',
      'catalog',
      'edge',
      'order',
      'postgres',
      'prometheus',
      'redis',
    ];
    const up = await eventually(
      stack.prometheus,
      'up == 1',
      (r) => r.data?.result.length === jobs.length,
    );
    expect(up.data?.result.map((r) => r.metric['job']).sort()).toEqual(jobs);
    // Found through Docker's DNS, by the names the layer's prometheus.yml gives.
    expect(up.data?.result.find((r) => r.metric['job'] === 'edge')?.metric['instance']).toMatch(
      /:8404$/,
    );
  });

  it('counts the load at the edge: requests per backend, and the 429s of its rate limits', async () => {
    const passed = await query(
      stack.prometheus,
      'sum by (proxy) (haproxy_backend_http_requests_total{proxy=~"catalog|cart|order"}) > 0',
    );
    expect(passed.data?.result.map((r) => r.metric['proxy']).sort()).toEqual([
      'cart',
      'catalog',
      'order',
    ]);
    const refused = 'sum(haproxy_frontend_intercepted_requests_total{proxy="public"})';
    const before = Number((await query(stack.prometheus, refused)).data?.result[0]?.value[1]);
    // One address over the checkout limit (20 in 10 s): the edge answers 429 itself.
    const answers = await Promise.all(
      Array.from({ length: 25 }, () =>
        call(`${stack.edge}/api/orders`, { method: 'POST', body: '{}' }).then((r) => r.status),
      ),
    );
    const limited = answers.filter((s) => s === 429).length;
    expect(limited).toBeGreaterThan(0);
    const counted = await eventually(
      stack.prometheus,
      refused,
      (r) => Number(r.data?.result[0]?.value[1]) >= before + limited,
    );
    expect(Number(counted.data?.result[0]?.value[1])).toBeGreaterThanOrEqual(before + limited);
  });

  it('answers every dashboard panel query with data', async () => {
    const queries = readdirSync(path.join(layerDir, 'grafana/dashboards')).flatMap((file) => {
      const d = JSON.parse(readFileSync(path.join(layerDir, 'grafana/dashboards', file), 'utf8'));
      return [
        ...d.panels.flatMap((p: { title: string; targets: Array<{ expr: string }> }) =>
          p.targets.map((t) => ({ dashboard: d.title, panel: p.title, expr: t.expr })),
        ),
        // Annotations from Prometheus; the deploy tool's live in Grafana itself.
        ...d.annotations.list
          .filter((a: { expr?: string }) => a.expr)
          .map((a: { name: string; expr: string }) => ({
            dashboard: d.title,
            panel: `annotation: ${a.name}`,
            expr: a.expr,
          })),
      ];
    });
    // A target's series go stale after one failed scrape (an exporter slower than
    // the 1 s interval on a loaded machine): an empty answer is asked again, within bounds.
    const answers = await Promise.all(
      queries.map(async (q) => ({
        ...q,
        answer: q.panel.startsWith('annotation')
          ? await query(stack.prometheus, q.expr)
          : await eventually(
              stack.prometheus,
              q.expr.replaceAll('$__rate_interval', '15s'),
              hasData,
              20_000,
            ),
      })),
    );
    // Annotations mark events (a fault, a start) and may rightly be empty: they must parse.
    const failures = answers.filter(
      ({ panel, answer }) =>
        answer.status !== 'success' || (!hasData(answer) && !panel.startsWith('annotation')),
    );
    expect(failures).toEqual([]);
    expect(answers.length).toBeGreaterThan(50);
    expect(answers.filter((a) => a.panel.startsWith('Edge:')).length).toBeGreaterThanOrEqual(4);
    // The checkout saga's panels answer from the order service's own series, not zeros alone.
    const confirmed = await query(
      stack.prometheus,
      'portside_checkout_outcomes_total{job="order",outcome="confirmed"} > 0',
    );
    expect(hasData(confirmed)).toBe(true);
  });

  it('evaluates every recording rule to data and every alert expression without error', async () => {
    const rules = ['slo.rules.yaml', 'portside.rules.yaml'].flatMap((file) => {
      const { groups } = parse(
        readFileSync(path.join(layerDir, 'prometheus/rules', file), 'utf8'),
      ) as { groups: Array<{ rules: Rule[] }> };
      return groups.flatMap((g) => g.rules);
    });
    const problems = await Promise.all(
      rules.map(async (rule) => {
        if (!rule.record) {
          const answer = await query(stack.prometheus, rule.expr);
          return answer.status === 'success' ? [] : [`${rule.alert}: ${answer.error}`];
        }
        const sel = Object.entries(rule.labels ?? {})
          .map(([k, v]) => `${k}="${v}"`)
          .join(',');
        const answer = await query(stack.prometheus, `${rule.record}{${sel}}`);
        return hasData(answer) ? [] : [`${rule.record}{${sel}}: no data`];
      }),
    );
    expect(problems.flat()).toEqual([]);
    expect(rules.length).toBeGreaterThan(100);
  });

  it('has a latency bucket at every latency objective, so SLO ratios are exact', async () => {
    const rules = readFileSync(path.join(layerDir, 'prometheus/rules/slo.rules.yaml'), 'utf8');
    const objectives = new Set([...rules.matchAll(/le="([\d.]+)"/g)].map((m) => m[1]));
    const exposed = await query(
      stack.prometheus,
      'count by (le) (http_request_duration_seconds_bucket{service="catalog"})',
    );
    const buckets = new Set(exposed.data?.result.map((r) => r.metric['le']));
    expect([...objectives].filter((le) => !buckets.has(le))).toEqual([]);
    expect(objectives.size).toBeGreaterThanOrEqual(5);
  });
});

describe('fault switches, seen by Prometheus and Alertmanager', () => {
  it('an injected error rate on the catalog burns the browse availability SLO, fires the fault and burn-rate alerts into Alertmanager, and both resolve once cleared', async () => {
    expect(
      await setFaults(stack, 'catalog', [{ route: '/api/products', method: 'GET', errorRate: 1 }]),
    ).toBe(200);
    const browse = () => fetch(`${stack.edge}/api/products?limit=1`).then((r) => r.status);
    // The first failure makes the series; a rate needs it scraped before the next ones come.
    expect(await browse()).toBe(503);
    const failures = 'http_requests_total{service="catalog",route="/api/products",status="503"}';
    expect(hasData(await eventually(stack.prometheus, failures, hasData))).toBe(true);
    const failed = await Promise.all(Array.from({ length: 20 }, browse));
    expect(new Set(failed)).toEqual(new Set([503]));

    const burning = await eventually(
      stack.prometheus,
      'journey:portside_slo_bad:ratio_rate5m{journey="browse",slo="availability"} > 0.01',
      hasData,
    );
    expect(hasData(burning)).toBe(true);
    // The edge saw the same 5xx answers go out.
    const edge5xx = await eventually(
      stack.prometheus,
      'haproxy_backend_http_responses_total{proxy="catalog",code="5xx"} > 0',
      hasData,
    );
    expect(hasData(edge5xx)).toBe(true);
    const firing =
      'ALERTS{alertname="PortsideFaultSwitchOn",alertstate="firing",service="catalog"}';
    expect(hasData(await eventually(stack.prometheus, firing, hasData))).toBe(true);
    // Prometheus hands the alert to the layer's Alertmanager.
    expect(await alertmanagerHas(stack, { alertname: 'PortsideFaultSwitchOn' })).toBe(true);

    // The generated burn-rate alert, on a clock 60 times faster (an hour's
    // window lasts a minute), fires while shoppers keep failing...
    const burn = `ALERTS{alertname="PortsideSLOBurnFast",alertstate="firing",journey="browse",slo="availability",time_scale="${TIME_SCALE}"}`;
    const fired = await whileBrowsing(stack.edge, () =>
      eventually(stack.prometheus, burn, hasData, 90_000),
    );
    expect(hasData(fired)).toBe(true);
    expect(
      await alertmanagerHas(stack, { alertname: 'PortsideSLOBurnFast', journey: 'browse' }),
    ).toBe(true);

    // Prometheus's own graph page draws the burn (the pictures in docs/observability.md).
    const legends = await graph(stack.prometheus, [
      { name: 'slo-burn', expr: 'journey:portside_slo_bad:ratio_rate5m{slo="availability"}' },
      {
        name: 'requests-by-status',
        expr: 'sum by (service, status) (rate(http_requests_total{service="catalog",route="/api/products"}[15s]))',
      },
      {
        name: 'latency-p95',
        expr: 'histogram_quantile(0.95, sum by (service, le) (rate(http_request_duration_seconds_bucket[30s])))',
      },
      {
        name: 'edge-answers',
        expr: 'sum by (code) (rate(haproxy_frontend_http_responses_total{proxy="public"}[15s]))',
      },
    ]);
    expect(legends['slo-burn']?.join(' ')).toContain('browse');
    expect(legends['requests-by-status']?.join(' ')).toContain('503');
    expect(legends['edge-answers']?.join(' ')).toContain('5xx');

    expect(await setFaults(stack, 'catalog', [])).toBe(204);
    expect(await browse()).toBe(200);
    const resolved = await eventually(
      stack.prometheus,
      firing,
      (r) => r.status === 'success' && !hasData(r),
    );
    expect(hasData(resolved)).toBe(false);
    // ...and resolves once its short windows are clean, shoppers served again.
    const cooled = await whileBrowsing(stack.edge, () =>
      eventually(stack.prometheus, burn, (r) => r.status === 'success' && !hasData(r), 90_000),
    );
    expect(hasData(cooled)).toBe(false);
  });
});
