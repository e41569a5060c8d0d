import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { startServiceProcess } from '@portside/testkit';
import type { Result } from 'autocannon';
import { startExpressBaseline } from './baseline';
import { cpuPerRequest, CpuCost, type CpuPerRequest } from './cpu-cost';
import { measure, type MeasureOptions } from './measure';
import { benchTable, statusNotes, type Row } from './report';

/**
 * `npm run bench:search -w loadtests -- [--sizes 500,100000] [--duration 10] [--connections 20] [--fresh] [--database-prefix portside_search_bench_] [--json file]`
 *
 * Search and type-ahead suggestions of the catalog service on its own (no
 * edge), at 20 concurrent shoppers, on catalogues of each size seeded into
 * databases of the machine's PostgreSQL (LOADTEST_PG_URL; kept between runs,
 * migrated to the current schema, reseeded with --fresh). Each size is measured cached (a fixed set of
 * queries, warmed) and uncached (every request a different cache key, so
 * every one runs its SQL), next to a bare Express server answering a JSON body
 * of the same size, measured in the same run.
 */

const USAGE = `Usage: npm run bench:search -w loadtests -- [--sizes 500,100000] [--duration 10] [--connections 20] [--fresh]
         [--database-prefix portside_search_bench_] [--json results.json]

Search and suggestions of the catalog at each catalogue size, cached and uncached, beside a bare
Express server. Catalogues are seeded into <database-prefix><size> on LOADTEST_PG_URL and kept
(migrated to the current schema on each run). --json writes the raw results, which
\`npm run bench:summary -w loadtests -- run1.json run2.json ...\` turns into medians.`;

const PG = process.env['LOADTEST_PG_URL'] ?? 'postgresql://postgres@127.0.0.1:5432';
const REDIS = process.env['LOADTEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const REPO = path.resolve(__dirname, '..', '..');
const log = (line: string) => process.stderr.write(`${line}\n`);
const run = promisify(execFile);

/** What shoppers type: prefixes, typos of one and two edits, several words, plurals, one letter. */
export const SEARCHES = [
  'foun',
  'day',
  'fountian',
  'headfones',
  'fountain pen',
  'nimbus daypack',
  'pens',
  'Chargers',
  'a',
];
/** Type-ahead: each query as it grows, as a search box sends it. */
export const SUGGESTS = ['f', 'fo', 'fou', 'foun', 'he', 'head', 'headf', 'nimbus d', 'elec'];

const psql = (db: string, sql: string) =>
  run('psql', [`${PG}/${db}`, '-Atqc', sql]).then((r) => r.stdout.trim());

/**
 * A database holding the seeded catalogue of this size, made (or remade) when
 * needed; a kept one gets the migrations it lacks, then fresh statistics.
 */
async function catalogueOf(prefix: string, size: number, fresh: boolean): Promise<string> {
  const name = `${prefix}${size}`;
  const env = { ...process.env, DATABASE_URL: `${PG}/${name}`, LOG_LEVEL: 'warn' };
  const opts = { cwd: REPO, env, timeout: 900_000 };
  const count = await psql(name, 'SELECT count(*) FROM products').catch(() => '');
  if (!fresh && count === String(size)) {
    await run('npm', ['run', 'db:migrate', '-w', 'apps/catalog'], opts);
    await psql(name, 'ANALYZE');
    return name;
  }
  log(`seeding ${size} products into ${name} (about a minute per 100,000)`);
  await psql('postgres', `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await run('npm', ['run', 'db:migrate', '-w', 'apps/catalog'], opts);
  await run(
    'npm',
    ['run', 'db:seed', '-w', 'apps/catalog', '--', '--products', String(size)],
    opts,
  );
  await psql(name, 'VACUUM ANALYZE');
  return name;
}

/** Requests whose cache keys never repeat: the answer is the same, the cache cannot hold it. */
function uncached(paths: (n: number) => string): MeasureOptions['requests'] {
  let n = 0;
  return [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths(n++) }) }];
}

async function main() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '500,100000' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '20' },
      fresh: { type: 'boolean', default: false },
      'database-prefix': { type: 'string', default: 'portside_search_bench_' },
      json: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const sizes = values.sizes.split(',').map(Number);
  const prefix = values['database-prefix'];
  if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) {
    console.error(`--database-prefix ${prefix}: use lower-case letters, digits and _ only`);
    process.exitCode = 2;
    return;
  }
  const connections = Number(values.connections);
  const duration = Number(values.duration);
  const base = { connections, duration, timeout: 10 };

  const rows: Row[] = [];
  const cpuCosts = new Map<string, CpuPerRequest>();
  const express = await startExpressBaseline(4_000);
  let baseline: Result | undefined;
  try {
    log(`baseline: bare Express, ${connections} connections, ${duration} s`);
    baseline = await measure({
      ...base,
      url: `${express.url}/`,
      warmup: { connections, duration: 2 },
    });
    rows.push({ name: 'bare Express JSON (4 kB)', result: baseline });

    for (const size of sizes) {
      const database = await catalogueOf(prefix, size, values.fresh);
      const id = randomBytes(4).toString('hex');
      const catalog = await startServiceProcess('catalog', {
        DATABASE_URL: `${PG}/${database}`,
        REDIS_URL: REDIS,
        REDIS_KEY_PREFIX: `search-bench-${id}:`,
        ADMIN_TOKEN: randomBytes(16).toString('hex'),
        INTERNAL_TOKEN: randomBytes(16).toString('hex'),
      });
      try {
        const cycle = (list: string[]) => list.map((q) => ({ method: 'GET' as const, path: q }));
        const searchPath = (q: string) => `/api/products?q=${encodeURIComponent(q)}&limit=24`;
        const suggestPath = (q: string) => `/api/products/suggest?q=${encodeURIComponent(q)}`;
        type Requests = MeasureOptions['requests'];
        // Cached rows are warmed for 2 s first (not measured, not counted in the CPU).
        const scenarios: Array<{ name: string; requests: Requests; warm?: boolean }> = [
          {
            name: `${size} products: search, cached`,
            requests: cycle(SEARCHES.map(searchPath)),
            warm: true,
          },
          {
            name: `${size} products: search, uncached`,
            // minPrice below every price: the same answer under a new cache key each time.
            requests: uncached(
              (n) => `${searchPath(SEARCHES[n % SEARCHES.length]!)}&minPrice=${n % 800}`,
            ),
          },
          {
            name: `${size} products: suggestions, cached`,
            requests: cycle(SUGGESTS.map(suggestPath)),
            warm: true,
          },
          {
            name: `${size} products: suggestions, uncached`,
            // Trailing punctuation is not a word: same suggestions, a new cache key.
            requests: uncached(
              (n) =>
                `${suggestPath(`${SUGGESTS[n % SUGGESTS.length]!} ${'!'.repeat(Math.floor(n / SUGGESTS.length) % 150)}`)}&limit=${1 + (Math.floor(n / (SUGGESTS.length * 150)) % 10)}`,
            ),
          },
        ];
        const cpu = new CpuCost(catalog.url, `${PG}/postgres`, database);
        for (const { name, requests, warm } of scenarios) {
          log(name);
          const options = { ...base, url: catalog.url, requests };
          if (warm) await measure({ ...options, duration: 2 });
          const before = await cpu.read();
          const result = await measure(options);
          rows.push({ name, result });
          cpuCosts.set(name, cpuPerRequest(before, await cpu.read(), result.requests.total));
        }
      } finally {
        await catalog.stop();
      }
    }
  } finally {
    express.stop();
  }

  const machine = `${cpus().length} CPUs (${cpus()[0]?.model.trim()}), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB, Node ${process.version}`;
  console.log(`\n${machine}; ${connections} connections, ${duration} s per row\n`);
  console.log(benchTable(rows, baseline!));
  console.log(`\n${cpuTable(cpuCosts)}`);
  for (const note of statusNotes(rows)) console.log(`\n${note}`);
  const slow = rows.slice(1).filter((r) => r.result.latency.p99 >= 50);
  console.log(
    slow.length === 0
      ? '\nevery search and suggestion row: p99 under 50 ms'
      : `\np99 at or over 50 ms: ${slow.map((r) => r.name).join('; ')}`,
  );
  if (values.json) {
    const cpu = Object.fromEntries(cpuCosts);
    writeFileSync(values.json, JSON.stringify({ machine, options: values, rows, cpu }, null, 2));
    log(`raw results written to ${values.json}`);
  }
}

/** CPU per request of each row: what the code costs, whatever else shares the cores. */
function cpuTable(costs: Map<string, CpuPerRequest>): string {
  const ms = (n: number | undefined) => (n === undefined ? 'n/a' : n.toFixed(2));
  const lines = [
    '| target | service CPU ms/req | PostgreSQL CPU ms/req | total |',
    '| --- | --- | --- | --- |',
  ];
  for (const [name, { serviceMs, databaseMs }] of costs) {
    const total = databaseMs === undefined ? undefined : serviceMs + databaseMs;
    lines.push(`| ${name} | ${ms(serviceMs)} | ${ms(databaseMs)} | ${ms(total)} |`);
  }
  return lines.join('\n');
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
