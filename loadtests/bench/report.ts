import type { Result } from 'autocannon';

export type Row = { name: string; result: Result };

const num = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A Markdown table: readable in a terminal and pasted as is into BENCHMARKS.md. */
export function benchTable(rows: Row[], baseline: Result): string {
  const head = [
    'target',
    'req/s',
    'p50 ms',
    'p99 ms',
    'vs baseline',
    'requests',
    'errors',
    'non-2xx',
  ];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`];
  for (const { name, result } of rows) {
    const ratio =
      baseline.requests.average > 0 ? result.requests.average / baseline.requests.average : 0;
    lines.push(
      `| ${[
        name,
        num(result.requests.average),
        num(result.latency.p50, 1),
        num(result.latency.p99, 1),
        `${num(ratio * 100, 1)}%`,
        num(result.requests.total),
        num(result.errors),
        num(result.non2xx),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

export function memoryTable(peaks: Map<string, number>): string {
  const lines = ['| container | peak memory |', '| --- | --- |'];
  for (const [name, bytes] of [...peaks].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`| ${name} | ${(bytes / 1024 / 1024).toFixed(1)} MiB |`);
  }
  return lines.join('\n');
}

/** Which statuses a target got, for the rows that got anything but 2xx: "201 x 280, 409 x 20". */
export function statusNotes(rows: Row[]): string[] {
  return rows
    .filter(({ result }) => result.non2xx > 0 || result.errors > 0)
    .map(({ name, result }) => {
      const codes = Object.entries(result.statusCodeStats ?? {})
        .map(([code, s]) => `${code} x ${s.count ?? 0}`)
        .join(', ');
      return `${name}: ${codes || 'no answers'}${result.errors ? `; ${result.errors} errors (${result.timeouts} timeouts)` : ''}`;
    });
}

/** A target of the hop table and the one it forwards to (whose throughput it is compared with). */
export type Hop = { name: string; result: Result; behind?: string };

/** Each hop beside the one behind it: the share of that one's throughput it keeps. */
export function hopTable(hops: Hop[]): string {
  const head = ['path', 'req/s', 'p50 ms', 'p99 ms', 'behind it', 'keeps', 'errors', 'non-2xx'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`];
  for (const { name, result, behind } of hops) {
    const back = hops.find((hop) => hop.name === behind);
    const share =
      back && back.result.requests.average > 0
        ? `${num((result.requests.average / back.result.requests.average) * 100, 1)}%`
        : '';
    lines.push(
      `| ${[
        name,
        num(result.requests.average),
        num(result.latency.p50, 1),
        num(result.latency.p99, 1),
        back?.name ?? '',
        share,
        num(result.errors),
        num(result.non2xx),
      ].join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

/** Checkout's rate beside PostgreSQL's own for as many single-row INSERT transactions. */
export function databaseTable(
  checkout: Result,
  database: { transactions: number; clients: number; tps: number; latencyMs: number },
): string {
  const ratio = database.tps > 0 ? checkout.requests.average / database.tps : 0;
  return [
    '| what | per second | mean latency ms | share of the database rate |',
    '| --- | --- | --- | --- |',
    `| PostgreSQL alone: ${num(database.transactions)} single-row INSERT transactions, ${database.clients} clients (pgbench) | ${num(database.tps)} | ${num(database.latencyMs, 1)} | 100% |`,
    `| checkout through the edge: ${num(checkout.requests.total)} orders, ${database.clients} shoppers | ${num(checkout.requests.average)} | ${num(checkout.latency.mean, 1)} | ${num(ratio * 100, 1)}% |`,
  ].join('\n');
}
