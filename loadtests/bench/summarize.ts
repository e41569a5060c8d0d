import { readFileSync } from 'node:fs';
import type { Result } from 'autocannon';
import type { PostgresRate } from './postgres-rate';
import type { Hop, Row } from './report';

/**
 * `npm run bench:summary -w loadtests -- run1.json run2.json run3.json`
 * Medians and spread (min-max) over several `npm run bench -- --json` runs, as Markdown.
 */

type Run = { hops?: Hop[]; rows: Row[]; database?: PostgresRate; memory?: Record<string, number> };

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** "1,234 (1,100-1,300)": the median, then the spread. */
export function spread(values: number[], digits = 0, unit = ''): string {
  if (values.length === 0) return '';
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return `${fmt(median(values), digits)}${unit} (${fmt(lo, digits)}-${fmt(hi, digits)}${unit})`;
}

function byName<T extends { name: string; result: Result }>(runs: T[][], name: string): Result[] {
  return runs.flatMap((rows) => rows.filter((row) => row.name === name).map((row) => row.result));
}

export function summarize(runs: Run[]): string {
  const out: string[] = [];
  const hopRuns = runs.map((run) => run.hops ?? []);
  const hopNames = hopRuns[0]?.map((hop) => hop.name) ?? [];
  if (hopNames.length > 0) {
    out.push('| path | req/s | p99 ms | behind it | keeps |', '| --- | --- | --- | --- | --- |');
    for (const name of hopNames) {
      const results = byName(hopRuns, name);
      const behind = hopRuns[0]?.find((hop) => hop.name === name)?.behind;
      const shares = behind
        ? hopRuns.flatMap((hops) => {
            const mine = hops.find((hop) => hop.name === name)?.result.requests.average;
            const theirs = hops.find((hop) => hop.name === behind)?.result.requests.average;
            return mine !== undefined && theirs ? [(mine / theirs) * 100] : [];
          })
        : [];
      out.push(
        `| ${name} | ${spread(results.map((r) => r.requests.average))} | ${spread(results.map((r) => r.latency.p99))} | ${behind ?? ''} | ${shares.length ? spread(shares, 1, '%') : ''} |`,
      );
    }
    out.push('');
  }
  const rowRuns = runs.map((run) => run.rows);
  out.push('| target | req/s | p50 ms | p99 ms |', '| --- | --- | --- | --- |');
  // By position: a row's name can carry a figure of its run (the baseline's body size).
  for (const [index, name] of (rowRuns[0]?.map((row) => row.name) ?? []).entries()) {
    const results = rowRuns.flatMap((rows) => (rows[index] ? [rows[index].result] : []));
    out.push(
      `| ${name} | ${spread(results.map((r) => r.requests.average))} | ${spread(results.map((r) => r.latency.p50))} | ${spread(results.map((r) => r.latency.p99))} |`,
    );
  }
  const databases = runs.flatMap((run) => (run.database ? [run.database] : []));
  if (databases.length > 0) {
    const checkouts = byName(rowRuns, 'POST /api/orders (checkout)');
    const shares = runs.flatMap((run) => {
      const checkout = run.rows.find((row) => row.name === 'POST /api/orders (checkout)');
      return run.database && checkout
        ? [(checkout.result.requests.average / run.database.tps) * 100]
        : [];
    });
    out.push(
      '',
      '| what | per second | share of the database rate |',
      '| --- | --- | --- |',
      `| PostgreSQL alone, single-row INSERT transactions (pgbench) | ${spread(databases.map((d) => d.tps))} | 100% |`,
      `| checkout through the edge | ${spread(checkouts.map((r) => r.requests.average))} | ${spread(shares, 1, '%')} |`,
    );
  }
  const containers = Object.keys(runs[0]?.memory ?? {}).sort();
  if (containers.length > 0) {
    out.push('', '| container | peak memory, MiB |', '| --- | --- |');
    for (const name of containers) {
      const peaks = runs.flatMap((run) =>
        run.memory?.[name] !== undefined ? [run.memory[name]! / 1024 / 1024] : [],
      );
      out.push(`| ${name} | ${spread(peaks, 1)} |`);
    }
  }
  return out.join('\n');
}

if (require.main === module) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error('usage: bench:summary <run.json>...  (files written by npm run bench -- --json)');
    process.exitCode = 2;
  } else {
    console.log(summarize(files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as Run)));
  }
}
