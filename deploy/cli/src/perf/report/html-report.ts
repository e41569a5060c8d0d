import { uslThroughput } from '@portside/perf-models';
import { writeFile } from 'node:fs/promises';
import type { CommandContext } from '../../core/context';
import type { CapacityReport } from '../../commands/capacity';
import { readCapacity } from '../capacity-store';
import { median } from '../median';
import { ResultsStore } from '../results-store';
import { readVerdicts } from '../verdicts';
import { latencyChart, throughputChart, verdictChart, type LatencyPoint } from './charts';
import { renderSvg } from './render-svg';

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * One self-contained HTML file: charts as inline SVG (rendered here by Vega-Lite), no script and
 * no network, so it opens offline and can be attached to a pull request.
 */
export async function writeHtmlReport(
  file: string,
  profile: string | undefined,
  ctx: CommandContext,
): Promise<void> {
  const store = ResultsStore.beside(ctx.ledger);
  const { releases } = await ctx.ledger.read();
  const sections: string[] = [];

  const points: LatencyPoint[] = [];
  const order: string[] = [];
  let shownProfile = profile;
  for (const release of releases) {
    const profiles = await store.profiles(release.id);
    shownProfile ??= profiles[0];
    if (!shownProfile || !profiles.includes(shownProfile)) continue;
    const runs = await store.runs(release.id, shownProfile);
    order.push(release.id);
    for (const [percentile, key] of [
      ['p50', 'p50Ms'],
      ['p95', 'p95Ms'],
      ['p99', 'p99Ms'],
    ] as const)
      points.push({ release: release.id, percentile, ms: median(runs.map((r) => r.overall[key])) });
  }
  if (points.length > 0)
    sections.push(
      `<h2>Latency per release (${escape(shownProfile ?? '')})</h2>${await renderSvg(latencyChart(points, order))}`,
    );

  const capacity = (await readCapacity<CapacityReport>(store)).at(-1);
  if (capacity) {
    const top = Math.max(
      capacity.selfCheck.concurrency,
      ...capacity.steps.map((s) => s.concurrency),
    );
    const curve = Array.from({ length: 60 }, (_, i) => 1 + ((top - 1) * i) / 59).map((c) => ({
      concurrency: c,
      throughput: uslThroughput(capacity.fit, c),
      series: 'USL fit' as const,
    }));
    const chart = throughputChart(
      [
        ...curve,
        ...capacity.steps.map((s) => ({
          concurrency: s.concurrency,
          throughput: s.throughput,
          series: 'measured' as const,
        })),
        {
          concurrency: capacity.selfCheck.concurrency,
          throughput: capacity.selfCheck.measured,
          series: 'self-check' as const,
        },
      ],
      `Throughput against concurrency: ${capacity.scope} (σ ${capacity.fit.sigma.toFixed(3)}, κ ${capacity.fit.kappa.toExponential(2)})`,
    );
    sections.push(
      `<h2>Capacity (${escape(capacity.scope)}, ${escape(capacity.time)})</h2>${await renderSvg(chart)}<p>Self-check at concurrency ${capacity.selfCheck.concurrency}: predicted ${capacity.selfCheck.predicted.toFixed(1)}/s, measured ${capacity.selfCheck.measured.toFixed(1)}/s (${(capacity.selfCheck.error * 100).toFixed(1)} %).</p>`,
    );
  }

  const verdicts = await readVerdicts(store);
  if (verdicts.length > 0) {
    const cells = verdicts.flatMap((v) =>
      v.checks.map((c) => ({
        release: v.release,
        check: c.name,
        result: c.passed ? ('pass' as const) : ('fail' as const),
      })),
    );
    const rows = verdicts
      .map(
        (v) =>
          `<tr><td>${escape(v.release)}</td><td>${v.passed ? 'passed' : 'failed'}</td><td>${escape(v.baseline ?? '-')}</td><td>${escape(v.rolledBackTo ?? '-')}</td><td>${escape(v.reasons.join('; ') || '-')}</td></tr>`,
      )
      .join('');
    sections.push(
      `<h2>Verdicts</h2>${await renderSvg(verdictChart(cells))}<table><tr><th>release</th><th>verdict</th><th>baseline</th><th>rolled back to</th><th>reasons</th></tr>${rows}</table>`,
    );
  }
  if (sections.length === 0) sections.push('<p>No load test results yet.</p>');

  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portside performance report</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}svg{display:block;margin:1rem 0}</style>
</head><body><h1>Portside performance report</h1><p>Generated ${escape(new Date().toISOString())}.</p>
${sections.join('\n')}
</body></html>
`;
  await writeFile(file, html);
}
