import type { PerfComparison } from './index';

const LABELS: Record<string, string> = {
  throughput: 'req/s',
  p50Ms: 'p50',
  p95Ms: 'p95',
  p99Ms: 'p99',
  errorRate: 'errors',
};

function value(metric: string, v: number): string {
  if (metric === 'errorRate') return `${(v * 100).toFixed(2)}%`;
  if (metric === 'throughput') return v.toFixed(1);
  return `${v.toFixed(2)}ms`;
}

/** A benchstat-like table: `~` where the change is not significant. */
export function formatComparison(c: PerfComparison): string {
  const header = [
    `profile ${c.profile}: ${c.before.release} (${c.before.runs} runs) vs ${c.after.release} (${c.after.runs} runs), runner ${c.runners.join('+')}, Mann-Whitney U at alpha ${c.alpha}`,
  ];
  if (c.machinesDiffer)
    header.push(
      `! measured on different machines: ${c.before.machines.join(', ')} vs ${c.after.machines.join(', ')}`,
    );
  const table = [
    ['journey', 'metric', c.before.release, c.after.release, 'change', 'p', 'bootstrap 95%'],
  ];
  const percent = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(0)}%`;
  for (const row of c.rows) {
    const change = row.significant
      ? `${row.change >= 0 ? '+' : ''}${Number.isFinite(row.change) ? (row.change * 100).toFixed(1) : 'inf'}%`
      : '~';
    table.push([
      row.journey,
      LABELS[row.metric] ?? row.metric,
      value(row.metric, row.before),
      value(row.metric, row.after),
      change,
      `p=${row.p.toFixed(3)}`,
      `[${percent(row.interval.low)}, ${percent(row.interval.high)}]`,
    ]);
  }
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  const lines = table.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  const notes = [...new Set(c.rows.map((r) => r.note).filter(Boolean))];
  return [...header, '', ...lines, ...notes.map((n) => `note: ${n}`)].join('\n');
}
