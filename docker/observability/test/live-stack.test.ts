import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { graph } from './support/graphs';
import { startOtlpReceiver, type ReceivedSpan } from './support/otlp-receiver';
import { eventually, hasData, layerDir, query, startPrometheus } from './support/prometheus';
import { remoteWrite } from './support/remote-write';
import {
  checkout,
  products,
  setFaults,
  shortLoad,
  startServices,
  type Urls,
} from './support/services';

/*
 * The real services (their own entry points) traced to an OTLP endpoint this
 * test runs, scraped every second by a real Prometheus loaded with the layer's
 * rules, during a short load. Every dashboard query and every rule is then
 * evaluated against it.
 */

const run = randomBytes(4).toString('hex');
let receiver: Awaited<ReturnType<typeof startOtlpReceiver>>;
let services: Awaited<ReturnType<typeof startServices>>;
let prometheus: Awaited<ReturnType<typeof startPrometheus>>;
let urls: Urls;

type Rule = { record?: string; alert?: string; expr: string; labels?: Record<string, string> };

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  services = await startServices(run, receiver.url);
  urls = services.urls;
  prometheus = await startPrometheus(run, urls, { url: services.postgresUrl });
}, 180_000);

afterAll(async () => {
  await prometheus?.stop();
  await services?.stop();
  await receiver?.stop();
});

const newId = (bytes: number) => randomBytes(bytes).toString('hex');

describe('traces', () => {
  it('follow one checkout from the edge through order to catalog and cart, with database and Redis spans', async () => {
    const [product] = await products(urls);
    const traceId = newId(16);
    const edgeSpan = newId(8);
    // What the edge forwards: the caller's W3C trace context, unchanged.
    const order = await checkout(urls, (product as { id: string }).id, {
      traceparent: `00-${traceId}-${edgeSpan}-01`,
    });
    expect(order.status).toBe(201);

    const ofTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
    const complete = (spans: ReceivedSpan[]) =>
      ['order', 'catalog', 'cart'].every((svc) =>
        spans.some((s) => s.service === svc && s.kind === 2),
      ) &&
      spans.some(
        (s) =>
          s.attributes['db.system'] === 'postgresql' ||
          s.attributes['db.system.name'] === 'postgresql',
      ) &&
      spans.some(
        (s) => s.attributes['db.system'] === 'redis' || s.attributes['db.system.name'] === 'redis',
      );
    const deadline = Date.now() + 30_000;
    while (!complete(ofTrace()) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    const spans = ofTrace();

    const summary = spans.map((s) => `${s.service} ${s.kind} ${s.name}`);
    const server = (svc: string) => spans.filter((s) => s.service === svc && s.kind === 2);
    // SpanKind: 2 server, 3 client.
    expect(server('order').map((s) => s.parentSpanId)).toContain(edgeSpan);
    const byId = new Map(spans.map((s) => [s.spanId, s]));
    for (const svc of ['catalog', 'cart']) {
      expect({ svc, summary, called: server(svc).length > 0 }).toEqual({
        svc,
        summary,
        called: true,
      });
      // Each answer to order hangs from a client span of order's.
      for (const s of server(svc))
        expect([svc, byId.get(s.parentSpanId)?.service]).toContain(
          byId.get(s.parentSpanId)?.service,
        );
    }
    const db = (system: string) =>
      spans.filter(
        (s) => s.attributes['db.system'] === system || s.attributes['db.system.name'] === system,
      );
    expect(new Set(db('postgresql').map((s) => s.service))).toEqual(new Set(['order', 'catalog']));
    expect(db('redis').length).toBeGreaterThan(0);
  });
});

describe('metrics', () => {
  beforeAll(async () => {
    const statuses = await shortLoad(urls, 16);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    // What k6 writes with -o experimental-prometheus-rw (k6 itself cannot run here).
    const now = Date.now();
    const at = (value: number) =>
      [0, 1, 2].map((i) => ({ value: value * (i + 1), timestamp: now - 2000 + i * 1000 }));
    await remoteWrite(prometheus.url, [
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
      prometheus.url,
      'count(journey:portside_slo_bad:ratio_rate5m)',
      (r) => Number(r.data?.result[0]?.value[1]) === 12,
    );
    if (Number(slo.data?.result[0]?.value[1]) !== 12) {
      throw new Error(
        `SLO series missing: ${JSON.stringify(slo)}\n${(await prometheus.logs()).stderr}`,
      );
    }
  }, 120_000);

  it('has every target up: the services and the exporters', async () => {
    const jobs = ['catalog', 'cart', 'order', 'postgres', 'redis', 'prometheus'];
    const up = await eventually(
      prometheus.url,
      'up == 1',
      (r) => r.data?.result.length === jobs.length,
    );
    expect(up.data?.result.map((r) => r.metric['job']).sort()).toEqual(jobs.sort());
  });

  it('answers every dashboard panel query with data', async () => {
    const queries = readdirSync(path.join(layerDir, 'grafana/dashboards')).flatMap((file) => {
      const d = JSON.parse(readFileSync(path.join(layerDir, 'grafana/dashboards', file), 'utf8'));
      return [
        ...d.panels.flatMap((p: { title: string; targets: Array<{ expr: string }> }) =>
          p.targets.map((t) => ({ dashboard: d.title, panel: p.title, expr: t.expr })),
        ),
        ...d.annotations.list.map((a: { name: string; expr: string }) => ({
          dashboard: d.title,
          panel: `annotation: ${a.name}`,
          expr: a.expr,
        })),
      ];
    });
    const answers = await Promise.all(
      queries.map(async (q) => ({
        ...q,
        answer: await query(prometheus.url, q.expr.replaceAll('$__rate_interval', '15s')),
      })),
    );
    // Annotations mark events (a fault, a start) and may rightly be empty: they must parse.
    const failures = answers.filter(
      ({ panel, answer }) =>
        answer.status !== 'success' || (!hasData(answer) && !panel.startsWith('annotation')),
    );
    expect(failures).toEqual([]);
    expect(answers.length).toBeGreaterThan(50);
    // The checkout saga's panels answer from the order service's own series, not zeros alone.
    const confirmed = await query(
      prometheus.url,
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
          const answer = await query(prometheus.url, rule.expr);
          return answer.status === 'success' ? [] : [`${rule.alert}: ${answer.error}`];
        }
        const sel = Object.entries(rule.labels ?? {})
          .map(([k, v]) => `${k}="${v}"`)
          .join(',');
        const answer = await query(prometheus.url, `${rule.record}{${sel}}`);
        return hasData(answer) ? [] : [`${rule.record}{${sel}}: no data`];
      }),
    );
    expect(problems.flat()).toEqual([]);
    expect(rules.length).toBeGreaterThan(100);
  });

  it('has a latency bucket at every latency objective, so SLO ratios are exact', async () => {
    const rules = readFileSync(path.join(layerDir, 'prometheus/rules/slo.rules.yaml'), 'utf8');
    const objectives = new Set([...rules.matchAll(/le="([\d.]+)"/g)].map((m) => m[1]));
    const exposed = await (await fetch(`${urls.catalog}/metrics`)).text();
    const buckets = new Set(
      [...exposed.matchAll(/http_request_duration_seconds_bucket\{le="([\d.]+)"/g)].map(
        (m) => m[1],
      ),
    );
    expect([...objectives].filter((le) => !buckets.has(le))).toEqual([]);
    expect(objectives.size).toBeGreaterThanOrEqual(5);
  });
});

describe('fault switches, seen by Prometheus', () => {
  it('an injected error rate on the catalog burns the browse availability SLO and raises the fault alert until cleared', async () => {
    const on = await setFaults(urls.catalog, [
      { route: '/api/products', method: 'GET', errorRate: 1 },
    ]);
    expect(on.status).toBe(200);
    const browse = () => fetch(`${urls.catalog}/api/products?limit=1`).then((r) => r.status);
    // The first failure makes the series; a rate needs it scraped before the next ones come.
    expect(await browse()).toBe(503);
    const failures = 'http_requests_total{service="catalog",route="/api/products",status="503"}';
    expect(hasData(await eventually(prometheus.url, failures, hasData))).toBe(true);
    const failed = await Promise.all(Array.from({ length: 20 }, browse));
    expect(new Set(failed)).toEqual(new Set([503]));

    const burning = await eventually(
      prometheus.url,
      'journey:portside_slo_bad:ratio_rate5m{journey="browse",slo="availability"} > 0.01',
      hasData,
    );
    expect(hasData(burning)).toBe(true);
    const firing =
      'ALERTS{alertname="PortsideFaultSwitchOn",alertstate="firing",service="catalog"}';
    expect(hasData(await eventually(prometheus.url, firing, hasData))).toBe(true);

    // Prometheus's own graph page draws the burn (the pictures in docs/observability.md).
    const legends = await graph(prometheus.url, [
      { name: 'slo-burn', expr: 'journey:portside_slo_bad:ratio_rate5m{slo="availability"}' },
      {
        name: 'requests-by-status',
        expr: 'sum by (service, status) (rate(http_requests_total{service="catalog",route="/api/products"}[15s]))',
      },
      {
        name: 'latency-p95',
        expr: 'histogram_quantile(0.95, sum by (service, le) (rate(http_request_duration_seconds_bucket[30s])))',
      },
    ]);
    expect(legends['slo-burn']?.join(' ')).toContain('browse');
    expect(legends['requests-by-status']?.join(' ')).toContain('503');

    expect((await setFaults(urls.catalog, [])).status).toBe(204);
    expect((await fetch(`${urls.catalog}/api/products?limit=1`)).status).toBe(200);
    const resolved = await eventually(
      prometheus.url,
      firing,
      (r) => r.status === 'success' && !hasData(r),
    );
    expect(hasData(resolved)).toBe(false);
  });
});
