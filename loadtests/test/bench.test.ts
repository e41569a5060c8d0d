import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Result } from 'autocannon';
import { startBaseline } from '../bench/baseline';
import { parseMemUsage } from '../bench/docker-memory';
import { parseBenchOptions } from '../bench/options';
import { mergeRounds } from '../bench/hops';
import { parsePgbench } from '../bench/postgres-rate';
import { median, spread } from '../bench/summarize';
import { benchTable, databaseTable, hopTable, memoryTable, statusNotes } from '../bench/report';

describe('benchmark options', () => {
  it('defaults to the local edge, 10 s and 50 connections per target', () => {
    expect(parseBenchOptions([], {})).toEqual({
      url: 'http://127.0.0.1:8080',
      duration: 10,
      connections: 50,
      checkouts: 300,
      checkoutConnections: 10,
      warmup: 2,
      json: undefined,
    });
  });

  it('takes flags over environment variables', () => {
    const o = parseBenchOptions(['--duration', '5', '--url', 'http://localhost:9000/'], {
      BENCH_DURATION: '30',
      BENCH_CONNECTIONS: '20',
    });
    expect(o).toMatchObject({ url: 'http://localhost:9000', duration: 5, connections: 20 });
  });

  it('refuses targets off this machine and unbounded runs', () => {
    expect(() => parseBenchOptions(['--url', 'http://shop.example.com'], {})).toThrow(
      'only targets this machine',
    );
    expect(() => parseBenchOptions(['--duration', '0'], {})).toThrow(
      '--duration must be a number in (0, 120]',
    );
    expect(() => parseBenchOptions(['--checkouts', '100000'], {})).toThrow('--checkouts');
  });
});

describe('docker stats memory', () => {
  it('reads the used part of MemUsage in bytes', () => {
    expect(parseMemUsage('123.5MiB / 1.944GiB')).toBe(123.5 * 1024 * 1024);
    expect(parseMemUsage('812KiB / 2GiB')).toBe(812 * 1024);
    expect(parseMemUsage('1.2GiB / 2GiB')).toBeCloseTo(1.2 * 1024 ** 3);
    expect(parseMemUsage('--')).toBeUndefined();
  });
});

describe('benchmark report', () => {
  const result = (reqs: number, p50: number, p99: number, extra: Partial<Result> = {}) =>
    ({
      requests: { average: reqs, total: reqs * 10 },
      latency: { p50, p99 },
      errors: 0,
      non2xx: 0,
      ...extra,
    }) as unknown as Result;

  it('puts each target beside the baseline as a share of its throughput', () => {
    const base = result(10_000, 4, 12);
    const table = benchTable(
      [
        { name: 'bare Node http', result: base },
        {
          name: 'GET /api/products?limit=24',
          result: result(2_500, 18, 60.25, { errors: 2, non2xx: 3 }),
        },
      ],
      base,
    );
    expect(table.split('\n')).toEqual([
      '| target | req/s | p50 ms | p99 ms | vs baseline | requests | errors | non-2xx |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      '| bare Node http | 10,000 | 4.0 | 12.0 | 100.0% | 100,000 | 0 | 0 |',
      '| GET /api/products?limit=24 | 2,500 | 18.0 | 60.3 | 25.0% | 25,000 | 2 | 3 |',
    ]);
  });

  it('puts each hop beside the one behind it, as the share of its throughput it keeps', () => {
    const table = hopTable([
      { name: 'catalog', result: result(4_000, 10, 30) },
      { name: 'ingress', result: result(3_600, 11, 33), behind: 'catalog' },
      { name: 'published', result: result(2_700, 14, 40), behind: 'ingress' },
    ]);
    expect(table.split('\n').slice(2)).toEqual([
      '| catalog | 4,000 | 10.0 | 30.0 |  |  | 0 | 0 |',
      '| ingress | 3,600 | 11.0 | 33.0 | catalog | 90.0% | 0 | 0 |',
      '| published | 2,700 | 14.0 | 40.0 | ingress | 75.0% | 0 | 0 |',
    ]);
  });

  it('sets checkout beside PostgreSQL’s own rate for as many single-row inserts', () => {
    const checkout = {
      ...result(150, 60, 120),
      latency: { p50: 60, p99: 120, mean: 66.6 },
      requests: { average: 150, total: 300 },
    } as unknown as Result;
    const lines = databaseTable(checkout, {
      transactions: 300,
      clients: 10,
      tps: 1_500,
      latencyMs: 6.5,
    }).split('\n');
    expect(lines[2]).toBe(
      '| PostgreSQL alone: 300 single-row INSERT transactions, 10 clients (pgbench) | 1,500 | 6.5 | 100% |',
    );
    expect(lines[3]).toBe(
      '| checkout through the edge: 300 orders, 10 shoppers | 150 | 66.6 | 10.0% |',
    );
  });

  it('lists peak memory per container in MiB', () => {
    expect(
      memoryTable(
        new Map([
          ['portside_order_1', 90 * 1024 * 1024],
          ['portside_cart_1', 70.25 * 1024 * 1024],
        ]),
      ),
    ).toBe(
      '| container | peak memory |\n| --- | --- |\n| portside_cart_1 | 70.3 MiB |\n| portside_order_1 | 90.0 MiB |',
    );
  });
});

describe('a hop measured in rounds', () => {
  it('keeps the mean throughput, the summed counts and the median latencies', () => {
    const round = (average: number, p99: number, non2xx: number) =>
      ({
        requests: { average, total: average * 3 },
        latency: { p50: p99 / 4, p99, mean: p99 / 3 },
        errors: 0,
        timeouts: 0,
        non2xx,
        statusCodeStats: { '200': { count: average * 3 - non2xx }, '503': { count: non2xx } },
      }) as unknown as Result;
    const merged = mergeRounds([round(1_000, 40, 0), round(1_300, 90, 2), round(1_600, 50, 0)]);
    expect(merged.requests).toMatchObject({ average: 1_300, total: 11_700 });
    expect(merged.latency.p99).toBe(50);
    expect(merged.non2xx).toBe(2);
    expect(merged.statusCodeStats).toEqual({ '200': { count: 11_698 }, '503': { count: 2 } });
  });
});

describe('summaries of several runs', () => {
  it('are printed by `npm run bench:summary` from the runs’ JSON files', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bench-summary-'));
    try {
      const run = (average: number) => ({
        rows: [
          {
            name: 'GET /api/products?limit=24',
            result: { requests: { average }, latency: { p50: 20, p99: 40 } },
          },
        ],
      });
      const files = [900, 1_000, 1_200].map((average, index) => {
        const file = path.join(dir, `run${index}.json`);
        writeFileSync(file, JSON.stringify(run(average)));
        return file;
      });
      const output = execFileSync('npm', ['run', '--silent', 'bench:summary', '--', ...files], {
        cwd: path.join(__dirname, '..'),
        encoding: 'utf8',
      });
      expect(output).toContain(
        '| GET /api/products?limit=24 | 1,000 (900-1,200) | 20 (20-20) | 40 (40-40) |',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('give the median and the spread', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(spread([1_200, 1_000, 1_500])).toBe('1,200 (1,000-1,500)');
    expect(spread([80.04, 91.26, 85.5], 1, '%')).toBe('85.5% (80.0-91.3%)');
  });
});

describe('pgbench output', () => {
  it('reads the rate and mean latency, and refuses output without them', () => {
    const output = [
      'number of transactions actually processed: 300/300',
      'latency average = 6.512 ms',
      'initial connection time = 12.104 ms',
      'tps = 1535.612741 (without initial connection time)',
    ].join('\n');
    expect(parsePgbench(output)).toEqual({ tps: 1535.612741, latencyMs: 6.512 });
    expect(() => parsePgbench('connection refused')).toThrow(/pgbench printed no rate/);
  });
});

describe('the baseline server', () => {
  it('answers any path with a JSON body at least as large as asked', async () => {
    const baseline = await startBaseline(5_000);
    try {
      const res = await fetch(`${baseline.url}/anything`);
      const text = await res.text();
      expect(res.headers.get('content-type')).toContain('application/json');
      expect(text.length).toBeGreaterThanOrEqual(5_000);
      expect(text.length).toBeLessThan(5_200);
      expect(JSON.parse(text).items.length).toBeGreaterThan(0);
    } finally {
      baseline.stop();
    }
  });
});

describe('status notes', () => {
  it('lists the statuses of targets that got more than 2xx, with errors and timeouts', () => {
    const ok = {
      non2xx: 0,
      errors: 0,
      timeouts: 0,
      statusCodeStats: { '200': { count: 10 } },
    } as unknown as Result;
    const mixed = {
      non2xx: 2,
      errors: 1,
      timeouts: 1,
      statusCodeStats: { '201': { count: 7 }, '409': { count: 2 } },
    } as unknown as Result;
    expect(
      statusNotes([
        { name: 'list', result: ok },
        { name: 'checkout', result: mixed },
      ]),
    ).toEqual(['checkout: 201 x 7, 409 x 2; 1 errors (1 timeouts)']);
  });
});
