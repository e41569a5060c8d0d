/**
 * The end-of-test summary, written by hand: k6's own text summary lives in a remote jslib,
 * and a load test must not depend on the network. Pure code: Node's tests import it too.
 */

/** The part of k6's handleSummary() data this report reads. */
export type SummaryData = {
  state?: { testRunDurationMs?: number };
  metrics: Record<
    string,
    {
      type: 'counter' | 'gauge' | 'rate' | 'trend';
      contains?: string;
      values: Record<string, number>;
      thresholds?: Record<string, { ok: boolean }>;
    }
  >;
  root_group?: SummaryGroup;
};
export type SummaryGroup = {
  name: string;
  groups: SummaryGroup[];
  checks: { name: string; passes: number; fails: number }[];
};

export type SummaryMeta = { profile: string; baseUrl: string };

const ms = (v: number | undefined) =>
  v === undefined ? '-' : v >= 1000 ? `${(v / 1000).toFixed(2)}s` : `${v.toFixed(1)}ms`;
const pct = (v: number | undefined) => (v === undefined ? '-' : `${(v * 100).toFixed(2)}%`);
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** Journeys that appear in the tagged threshold metrics, in order of appearance. */
function journeysOf(data: SummaryData): string[] {
  const found = new Set<string>();
  for (const name of Object.keys(data.metrics)) {
    const m = /\{journey:([^}]+)\}$/.exec(name);
    if (m?.[1]) found.add(m[1]);
  }
  return [...found];
}

function allChecks(
  group: SummaryGroup | undefined,
  path = '',
): { name: string; passes: number; fails: number }[] {
  if (!group) return [];
  const here = group.name ? `${path}${group.name} / ` : path;
  return [
    ...group.checks.map((c) => ({ ...c, name: `${here}${c.name}` })),
    ...group.groups.flatMap((g) => allChecks(g, here)),
  ];
}

/** True when every threshold held: the run met its objectives. */
export function thresholdsPassed(data: SummaryData): boolean {
  return Object.values(data.metrics).every((m) =>
    Object.values(m.thresholds ?? {}).every((t) => t.ok),
  );
}

export function textSummary(data: SummaryData, meta: SummaryMeta): string {
  const lines: string[] = [];
  const m = data.metrics;
  const seconds = ((data.state?.testRunDurationMs ?? 0) / 1000).toFixed(1);
  lines.push(`Portside load test: profile ${meta.profile} against ${meta.baseUrl}`);
  lines.push(
    `duration ${seconds}s, ${m['iterations']?.values['count'] ?? 0} journeys, ` +
      `${m['http_reqs']?.values['count'] ?? 0} requests, ${pct(m['http_req_failed']?.values['rate'])} failed, ` +
      `${pct(m['checks']?.values['rate'])} checks passed`,
  );
  lines.push('');

  const header = [
    pad('journey', 13),
    pad('requests', 9),
    pad('p95', 9),
    pad('p99', 9),
    pad('failed', 8),
    pad('checks', 8),
  ];
  lines.push(header.join(' ').trimEnd());
  for (const journey of journeysOf(data)) {
    const d = m[`http_req_duration{journey:${journey}}`]?.values;
    lines.push(
      [
        pad(journey, 13),
        pad(String(d?.['count'] ?? 0), 9),
        pad(ms(d?.['p(95)']), 9),
        pad(ms(d?.['p(99)']), 9),
        pad(pct(m[`http_req_failed{journey:${journey}}`]?.values['rate']), 8),
        pad(pct(m[`checks{journey:${journey}}`]?.values['rate']), 8),
      ]
        .join(' ')
        .trimEnd(),
    );
  }

  lines.push('', 'thresholds (SLOs)');
  for (const [name, metric] of Object.entries(m)) {
    for (const [expr, t] of Object.entries(metric.thresholds ?? {})) {
      lines.push(`  ${t.ok ? 'ok    ' : 'FAILED'} ${name} ${expr}`);
    }
  }

  const failing = allChecks(data.root_group).filter((c) => c.fails > 0);
  lines.push('', failing.length === 0 ? 'checks: all passed' : 'failing checks');
  for (const c of failing) lines.push(`  ${c.name}: ${c.fails} failed, ${c.passes} passed`);

  lines.push('', thresholdsPassed(data) ? 'RESULT: all SLOs met' : 'RESULT: SLOs missed');
  return lines.join('\n') + '\n';
}

/** The summary files' names: one pair per profile, so several profiles can share a release's folder. */
export const summaryFileNames = (profile: string) => ({
  json: `k6-summary-${profile}.json`,
  text: `k6-summary-${profile}.txt`,
});

/** What handleSummary returns: k6 writes each key as a file ("stdout" is the terminal). */
export function summaryOutputs(
  data: SummaryData,
  meta: SummaryMeta,
  dir: string,
): Record<string, string> {
  const text = textSummary(data, meta);
  const files = summaryFileNames(meta.profile);
  return {
    stdout: text,
    [`${dir}/${files.json}`]: JSON.stringify({ portside: meta, ...data }, null, 2),
    [`${dir}/${files.text}`]: text,
  };
}
