#!/usr/bin/env node
// Writes the Grafana dashboards (grafana/dashboards/*.json) from the panel lists
// below, so every dashboard shares one layout and the same annotations.
//   node docker/observability/scripts/generate-dashboards.mjs
// A test fails when the committed JSON differs from what this writes, and
// another evaluates every query here against a Prometheus scraping the services.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'grafana',
  'dashboards',
);
const R = '$__rate_interval';
const DS = { type: 'prometheus', uid: 'prometheus' };

const rate = (selector) => `rate(${selector}[${R}])`;
/** 5xx over all answers; 0 (not nothing) while no 5xx has been counted. */
const errorRatio = (by, sel) => {
  const all = `sum by (${by}) (${rate(`http_requests_total${sel ? `{${sel}}` : ''}`)})`;
  const errors = `sum by (${by}) (${rate(`http_requests_total{${sel ? `${sel},` : ''}status=~"5.."}`)})`;
  return `(${errors} or ${all} * 0) / ${all}`;
};
const quantile = (q, by, sel) =>
  `histogram_quantile(${q}, sum by (${by}, le) (${rate(`http_request_duration_seconds_bucket${sel ? `{${sel}}` : ''}`)}))`;

/**
 * Rollouts show where instances start (the same on every dashboard), and where
 * `portside deploy` marked a release (GRAFANA_URL set); faults where switches are on.
 */
const ANNOTATIONS = [
  {
    name: 'Releases (portside deploy)',
    datasource: { type: 'grafana', uid: '-- Grafana --' },
    enable: true,
    iconColor: 'green',
    target: { type: 'tags', tags: ['portside', 'rollout'], matchAny: false, limit: 100 },
  },
  {
    name: 'Instance started (rollout, restart)',
    datasource: DS,
    enable: true,
    iconColor: 'blue',
    expr: 'count by (service) ((time() - process_start_time_seconds{service!=""}) < 30)',
    step: '15s',
    titleFormat: '{{service}} instance started',
  },
  {
    name: 'Fault switches on',
    datasource: DS,
    enable: true,
    iconColor: 'red',
    expr: 'sum by (service) (portside_faults_active) > 0',
    step: '15s',
    titleFormat: 'faults on in {{service}}',
  },
];

const panel = (title, unit, targets, description) => ({ title, unit, targets, description });
const t = (expr, legend) => ({ expr, legend });

/** The edge (HAProxy's own /metrics): what clients got, before any service saw it. */
const EDGE = 'proxy="public"';
const EDGE_BACKENDS = 'proxy=~"catalog|cart|order|storefront"';
const EDGE_PANELS = [
  panel('Edge: requests per second by backend', 'reqps', [
    t(
      `sum by (proxy) (${rate(`haproxy_backend_http_requests_total{${EDGE_BACKENDS}}`)})`,
      '{{proxy}}',
    ),
  ]),
  panel(
    'Edge: answers by class, and refused by the edge',
    'reqps',
    [
      t(`sum by (code) (${rate(`haproxy_frontend_http_responses_total{${EDGE}}`)})`, '{{code}}'),
      t(
        `sum(${rate(`haproxy_frontend_intercepted_requests_total{${EDGE}}`)})`,
        'refused (429, 413)',
      ),
    ],
    'Refused: answered by the edge itself, mostly 429 from the rate limits (docs/edge.md).',
  ),
  panel(
    'Edge: 5xx ratio',
    'percentunit',
    [
      t(
        `sum(${rate(`haproxy_frontend_http_responses_total{${EDGE},code="5xx"}`)}) / sum(${rate(`haproxy_frontend_http_requests_total{${EDGE}}`)})`,
        '5xx',
      ),
    ],
    "Includes the edge's own 502/503/504 (no replica up, a replica failing), which no service counts.",
  ),
  panel('Edge: replicas up per backend', 'short', [
    t(`sum by (proxy) (haproxy_backend_active_servers{${EDGE_BACKENDS}})`, '{{proxy}}'),
  ]),
];

function service(name, extra) {
  const sel = `service="${name}"`;
  return {
    uid: `portside-${name}`,
    title: `Portside / ${name}`,
    panels: [
      panel('Requests per second by route', 'reqps', [
        t(`sum by (route) (${rate(`http_requests_total{${sel}}`)})`, '{{route}}'),
      ]),
      panel('Server error ratio by route', 'percentunit', [
        t(errorRatio('route', sel), '{{route}}'),
      ]),
      panel('Answers by status', 'reqps', [
        t(`sum by (status) (${rate(`http_requests_total{${sel}}`)})`, '{{status}}'),
      ]),
      panel('Latency p50 / p95 / p99 by route', 's', [
        t(quantile(0.5, 'route', sel), 'p50 {{route}}'),
        t(quantile(0.95, 'route', sel), 'p95 {{route}}'),
        t(quantile(0.99, 'route', sel), 'p99 {{route}}'),
      ]),
      panel('Requests in flight', 'short', [
        t(`sum by (instance) (http_requests_in_flight{${sel}})`, '{{instance}}'),
      ]),
      panel('Event loop lag p99', 's', [
        t(`max by (instance) (nodejs_eventloop_lag_p99_seconds{${sel}})`, '{{instance}}'),
      ]),
      panel('CPU (cores)', 'short', [
        t(`sum by (instance) (${rate(`process_cpu_seconds_total{${sel}}`)})`, '{{instance}}'),
      ]),
      panel('Heap used', 'bytes', [
        t(`sum by (instance) (nodejs_heap_size_used_bytes{${sel}})`, '{{instance}}'),
      ]),
      ...extra,
    ],
  };
}

const DASHBOARDS = [
  {
    uid: 'portside-overview',
    title: 'Portside / overview',
    panels: [
      panel('Requests per second', 'reqps', [
        t(`sum by (service) (${rate('http_requests_total')})`, '{{service}}'),
      ]),
      panel('Server error ratio', 'percentunit', [t(errorRatio('service'), '{{service}}')]),
      panel('Latency p95', 's', [t(quantile(0.95, 'service'), '{{service}}')]),
      panel(
        'SLO: share of bad requests over 1 h, by journey and objective',
        'percentunit',
        [t('journey:portside_slo_bad:ratio_rate1h', '{{journey}} {{slo}}')],
        'From the recording rules generated from the k6 thresholds (loadtests/k6/lib/slo.ts).',
      ),
      panel('Alerts firing', 'short', [
        t('count by (alertname) (ALERTS{alertstate="firing"}) or vector(0)', '{{alertname}}'),
      ]),
      panel('Scrape targets up', 'short', [t('sum by (job) (up)', '{{job}}')]),
      panel('Fault switches on', 'short', [
        t('sum by (service) (portside_faults_active)', '{{service}}'),
      ]),
      ...EDGE_PANELS,
    ],
  },
  service('catalog', [
    panel('Read cache hit ratio', 'percentunit', [
      t(
        `sum(${rate('portside_cache_requests_total{service="catalog",result="hit"}')}) / sum(${rate('portside_cache_requests_total{service="catalog"}')})`,
        'hits',
      ),
    ]),
    panel('Read cache lookups by result', 'reqps', [
      t(
        `sum by (result) (${rate('portside_cache_requests_total{service="catalog"}')})`,
        '{{result}}',
      ),
    ]),
    panel('Catalog database connections by state', 'short', [
      t('sum by (state) (pg_stat_activity_count{datname=~".*catalog"})', '{{state}}'),
    ]),
    panel('Database pool (in the service)', 'short', [
      t('sum by (state) (portside_db_pool_connections{service="catalog"})', '{{state}}'),
      t('sum(portside_db_pool_waiting{service="catalog"})', 'waiting'),
    ]),
  ]),
  service('cart', [
    panel('Redis commands per second', 'ops', [
      t(`sum(${rate('redis_commands_processed_total')})`, 'commands'),
    ]),
    panel('Redis clients', 'short', [t('sum(redis_connected_clients)', 'clients')]),
    panel('Redis memory', 'bytes', [t('sum(redis_memory_used_bytes)', 'used')]),
  ]),
  service('order', [
    panel('Checkout answers by outcome', 'reqps', [
      t(`sum by (outcome) (${rate('order_checkouts_total')})`, '{{outcome}}'),
    ]),
    panel('Orders database connections by state', 'short', [
      t('sum by (state) (pg_stat_activity_count{datname=~".*orders"})', '{{state}}'),
    ]),
  ]),
  {
    uid: 'portside-checkout',
    title: 'Portside / checkout saga',
    panels: [
      panel('Checkouts by outcome', 'short', [
        t(`sum by (outcome) (${rate('portside_checkout_outcomes_total')})`, '{{outcome}}'),
      ]),
      panel('Compensations (steps undone)', 'short', [
        t(
          `sum by (compensation) (${rate('portside_checkout_compensations_total')})`,
          '{{compensation}}',
        ),
      ]),
      panel('Recovery actions after a crash', 'short', [
        t(`sum by (action) (${rate('portside_checkout_recovery_actions_total')})`, '{{action}}'),
      ]),
      panel('Step duration p95', 's', [
        t(
          `histogram_quantile(0.95, sum by (step, le) (${rate('portside_checkout_step_duration_seconds_bucket')}))`,
          '{{step}}',
        ),
      ]),
      panel('Checkouts in flight', 'short', [t('sum(portside_checkout_in_flight)', 'in flight')]),
      panel('Checkout answers (HTTP) by outcome', 'reqps', [
        t(`sum by (outcome) (${rate('order_checkouts_total')})`, '{{outcome}}'),
      ]),
      panel('Checkout latency p95 / p99', 's', [
        t(quantile(0.95, 'route', 'service="order",method="POST",route="/api/orders"'), 'p95'),
        t(quantile(0.99, 'route', 'service="order",method="POST",route="/api/orders"'), 'p99'),
      ]),
    ],
  },
  {
    uid: 'portside-rollouts',
    title: 'Portside / rollouts',
    panels: [
      panel('Replicas answering scrapes', 'short', [
        t('count by (job) (up{job=~"catalog|cart|order"} == 1)', '{{job}}'),
      ]),
      panel('Instance age', 's', [
        t('time() - process_start_time_seconds{service!=""}', '{{service}} {{instance}}'),
      ]),
      panel('Instances started in the last 10 minutes', 'short', [
        t(
          'count by (service) ((time() - process_start_time_seconds{service!=""}) < 600)',
          '{{service}}',
        ),
      ]),
      panel('Server error ratio during rollouts', 'percentunit', [
        t(errorRatio('service'), '{{service}}'),
      ]),
      panel('Latency p95 during rollouts', 's', [t(quantile(0.95, 'service'), '{{service}}')]),
    ],
  },
  {
    uid: 'portside-k6',
    title: 'Portside / k6 runs',
    description:
      'k6 results written with `k6 run -o experimental-prometheus-rw` (see docs/observability.md), on the same time axis as the services.',
    panels: [
      panel('Virtual users', 'short', [t('sum(k6_vus)', 'VUs')]),
      panel('Requests per second by journey', 'reqps', [
        t(`sum by (journey) (${rate('k6_http_reqs_total')})`, '{{journey}}'),
      ]),
      panel('Request duration p95 by journey (k6)', 's', [
        t('max by (journey) (k6_http_req_duration_p95)', '{{journey}}'),
      ]),
      panel('Request duration p99 by journey (k6)', 's', [
        t('max by (journey) (k6_http_req_duration_p99)', '{{journey}}'),
      ]),
      panel('Failed request rate by journey (k6)', 'percentunit', [
        t('max by (journey) (k6_http_req_failed_rate)', '{{journey}}'),
      ]),
      panel('Checks passing (k6)', 'percentunit', [
        t('max by (journey) (k6_checks_rate)', '{{journey}}'),
      ]),
    ],
  },
];

function grafanaJson(d) {
  return {
    uid: d.uid,
    title: d.title,
    description: d.description ?? '',
    tags: ['portside'],
    timezone: 'utc',
    schemaVersion: 39,
    version: 1,
    editable: false,
    refresh: '10s',
    time: { from: 'now-30m', to: 'now' },
    annotations: {
      list: ANNOTATIONS.map((a) => ({ ...a, hide: false, useValueForTime: false })),
    },
    templating: { list: [] },
    panels: d.panels.map((p, i) => ({
      id: i + 1,
      type: 'timeseries',
      title: p.title,
      description: p.description ?? '',
      datasource: DS,
      gridPos: { x: (i % 2) * 12, y: Math.floor(i / 2) * 8, w: 12, h: 8 },
      fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
      options: { legend: { displayMode: 'list', placement: 'bottom' } },
      targets: p.targets.map((target, j) => ({
        refId: String.fromCharCode(65 + j),
        datasource: DS,
        expr: target.expr,
        legendFormat: target.legend,
      })),
    })),
  };
}

export function dashboards() {
  return Object.fromEntries(
    DASHBOARDS.map((d) => [
      `${d.uid.replace(/^portside-/, '')}.json`,
      `${JSON.stringify(grafanaJson(d), null, 2)}\n`,
    ]),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // --print: what would be written, as JSON (the drift test compares it with the committed files).
  if (process.argv.includes('--print')) process.stdout.write(JSON.stringify(dashboards()));
  else {
    for (const [file, text] of Object.entries(dashboards())) {
      writeFileSync(path.join(dir, file), text);
      console.log(`wrote docker/observability/grafana/dashboards/${file}`);
    }
  }
}
