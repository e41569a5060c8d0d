#!/usr/bin/env node
// Writes the SLO recording and burn-rate alerting rules, and the promtool unit
// tests proving each alert fires and resolves, from the k6 thresholds
// (loadtests/k6/lib/slo.ts). Run after changing an objective:
//   node docker/observability/scripts/generate-rules.mjs
// With --fast-clock=60 it prints the same rules on a clock 60 times faster
// (an hour's window becomes a minute's), which the live test fires for real.
// A test fails when the committed files differ from what this writes.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { JOURNEY_SELECTORS, loadSlo, root } from '../slo-sources.mjs';

const WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];
/** Multi-window, multi-burn-rate alerts (Google SRE workbook, chapter 5). */
const SPEEDS = {
  fast: {
    severity: 'page',
    for: '2m',
    pairs: [
      ['1h', '5m', 14.4],
      ['6h', '30m', 6],
    ],
  },
  slow: {
    severity: 'ticket',
    for: '15m',
    pairs: [
      ['1d', '2h', 3],
      ['3d', '6h', 1],
    ],
  },
};
const record = (window) => `journey:portside_slo_bad:ratio_rate${window}`;

/**
 * The same rules on a faster clock, for tests that fire them live: every window
 * and `for` divided by `timeScale` (60: an hour becomes a minute), each rule
 * labelled with the scale so it never mixes with the real ones.
 */
const UNITS = { s: 1, m: 60, h: 3600, d: 86400 };
function onClock(duration, timeScale) {
  if (timeScale === 1) return duration;
  const [, n, unit] = /^(\d+)([smhd])$/.exec(duration);
  return `${Math.max(1, Math.round((Number(n) * UNITS[unit]) / timeScale))}s`;
}
const seconds = (ms) => String(ms / 1000);

/** Each journey's objectives: a share of good requests, and what makes one bad. */
function objectives(slo) {
  return Object.entries(JOURNEY_SELECTORS).flatMap(([journey, sel]) => {
    const { p95, p99 } = slo.latency[journey];
    const slow = (ms) => (w) =>
      `1 - sum(rate(http_request_duration_seconds_bucket{${sel},le="${seconds(ms)}"}[${w}])) / sum(rate(http_request_duration_seconds_count{${sel}}[${w}]))`;
    return [
      {
        journey,
        slo: 'availability',
        objective: 1 - slo.maxFailedRate,
        what: `${(1 - slo.maxFailedRate) * 100}% of ${journey} requests answer without a server error`,
        bad: (w) =>
          `(sum(rate(http_requests_total{${sel},status=~"5.."}[${w}])) or vector(0)) / sum(rate(http_requests_total{${sel}}[${w}]))`,
      },
      {
        journey,
        slo: 'latency_p95',
        objective: 0.95,
        what: `95% of ${journey} requests answer within ${p95} ms`,
        bad: slow(p95),
      },
      {
        journey,
        slo: 'latency_p99',
        objective: 0.99,
        what: `99% of ${journey} requests answer within ${p99} ms`,
        bad: slow(p99),
      },
    ];
  });
}

const round = (n) => Number(n.toPrecision(6));

function rules(list, timeScale = 1) {
  const w = (window) => onClock(window, timeScale);
  const scaled = timeScale === 1 ? {} : { time_scale: String(timeScale) };
  const recording = list.flatMap((o) =>
    WINDOWS.map((window) => ({
      record: record(w(window)),
      expr: o.bad(w(window)),
      labels: { journey: o.journey, slo: o.slo, ...scaled },
    })),
  );
  const alerting = list.flatMap((o) =>
    Object.entries(SPEEDS).map(([speed, s]) => {
      const budget = 1 - o.objective;
      const sel = `{journey="${o.journey}",slo="${o.slo}"}`;
      const expr = s.pairs
        .map(
          ([long, short, factor]) =>
            `(${record(w(long))}${sel} > ${round(factor * budget)} and ${record(w(short))}${sel} > ${round(factor * budget)})`,
        )
        .join(' or ');
      return {
        alert: speed === 'fast' ? 'PortsideSLOBurnFast' : 'PortsideSLOBurnSlow',
        expr,
        for: w(s.for),
        labels: { severity: s.severity, ...scaled },
        annotations: annotations(o, speed),
      };
    }),
  );
  return {
    groups: [
      { name: `portside-slo-recording${timeScale === 1 ? '' : '-fast-clock'}`, rules: recording },
      { name: `portside-slo-alerts${timeScale === 1 ? '' : '-fast-clock'}`, rules: alerting },
    ],
  };
}

function annotations(o, speed) {
  return {
    summary: `${o.journey} ${o.slo}: error budget burning ${speed === 'fast' ? 'fast' : 'slowly'}`,
    description: `Objective: ${o.what}. ${
      speed === 'fast'
        ? 'At this rate the 30-day budget is gone within days: look now.'
        : 'At this rate the 30-day budget runs out before the month ends.'
    } See docs/observability.md.`,
  };
}

/** Concrete series each journey's selector matches, for the unit tests. */
const TEST_LABELS = {
  browse: 'service="catalog",method="GET",route="/api/products"',
  viewProduct: 'service="catalog",method="GET",route="/api/products/:idOrSlug"',
  addToCart: 'service="cart",method="PUT",route="/api/carts/:cartId/items/:productId"',
  checkout: 'service="order",method="POST",route="/api/orders"',
};

/**
 * Per journey: for the first hour 20% of requests fail and 80% are slower than
 * both latency objectives; then everything is fine. The fast alerts fire within
 * minutes and resolve once the 5 and 30 minute windows are clean; the slow ones
 * fire within the hour and resolve when the 6 hour window is clean.
 */
function unitTests(list, slo) {
  const journeys = Object.entries(TEST_LABELS);
  const expected = (speed) =>
    list.map((o) => ({
      exp_labels: { severity: SPEEDS[speed].severity, journey: o.journey, slo: o.slo },
      exp_annotations: annotations(o, speed),
    }));
  // One group for every journey: the rules are evaluated once over the whole timeline.
  const input_series = journeys.flatMap(([journey, labels]) => {
    const { p95, p99 } = slo.latency[journey];
    return [
      { series: `http_requests_total{${labels},status="200"}`, values: '0+160x30 4800+200x240' },
      { series: `http_requests_total{${labels},status="500"}`, values: '0+40x30 1200+0x240' },
      { series: `http_request_duration_seconds_count{${labels}}`, values: '0+200x270' },
      ...[p95, p99].map((ms) => ({
        series: `http_request_duration_seconds_bucket{${labels},le="${seconds(ms)}"}`,
        values: '0+40x30 1200+200x240',
      })),
    ];
  });
  const tests = [
    {
      // Samples every 2 minutes: half the steps of 1m, and the 1d and 3d windows,
      // longer than the whole timeline, are what costs promtool its time.
      interval: '2m',
      input_series,
      alert_rule_test: [
        { eval_time: '10m', alertname: 'PortsideSLOBurnFast', exp_alerts: expected('fast') },
        { eval_time: '100m', alertname: 'PortsideSLOBurnFast', exp_alerts: [] },
        { eval_time: '60m', alertname: 'PortsideSLOBurnSlow', exp_alerts: expected('slow') },
        { eval_time: '480m', alertname: 'PortsideSLOBurnSlow', exp_alerts: [] },
      ],
    },
  ];
  return { rule_files: ['../rules/slo.rules.yaml'], evaluation_interval: '2m', tests };
}

const HEADER =
  '# Generated by docker/observability/scripts/generate-rules.mjs from loadtests/k6/lib/slo.ts: do not edit.\n';

/** The SLO rules with every window divided by timeScale (see onClock), as YAML. */
export async function rulesOnFastClock(timeScale) {
  return HEADER + stringify(rules(objectives(await loadSlo()), timeScale), { lineWidth: 0 });
}

export async function generate() {
  const slo = await loadSlo();
  const list = objectives(slo);
  return {
    'prometheus/rules/slo.rules.yaml': HEADER + stringify(rules(list), { lineWidth: 0 }),
    'prometheus/tests/slo.test.yaml': HEADER + stringify(unitTests(list, slo), { lineWidth: 0 }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // --fast-clock=<n>: the rules with windows n times shorter, on stdout (the live test fires them).
  const fast = process.argv.find((a) => a.startsWith('--fast-clock='));
  if (fast) {
    process.stdout.write(await rulesOnFastClock(Number(fast.split('=')[1])));
    process.exit(0);
  }
  const files = await generate();
  // --print: what would be written, as JSON (the drift test compares it with the committed files).
  if (process.argv.includes('--print')) process.stdout.write(JSON.stringify(files));
  else {
    const dir = path.join(root, 'docker/observability');
    for (const [file, text] of Object.entries(files)) {
      writeFileSync(path.join(dir, file), text);
      console.log(`wrote docker/observability/${file}`);
    }
  }
}
