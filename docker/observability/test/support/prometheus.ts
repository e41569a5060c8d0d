import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@portside/testkit';
import { docker, dockerOrThrow, IMAGES } from './docker';

export const layerDir = path.resolve(__dirname, '..', '..');

export interface Targets {
  catalog: string;
  cart: string;
  order: string;
}

export interface QueryResult {
  status: string;
  error?: string;
  data?: {
    resultType: string;
    result: Array<{ metric: Record<string, string>; value: [number, string] }>;
  };
}

/**
 * Prometheus with the layer's real rules, and the PostgreSQL and Redis
 * exporters, all in containers on the host network, scraping the given
 * services every second (the layer's own prometheus.yml finds them by Docker
 * DNS instead). Every container is named after this run and removed by stop().
 */
export async function startPrometheus(run: string, targets: Targets, pg: { url: string }) {
  const names = ['prometheus', 'postgres-exporter', 'redis-exporter'].map(
    (n) => `portside-observe-${run}-${n}`,
  );
  const [promPort, pgPort, redisPort] = [await freePort(), await freePort(), await freePort()];
  const dir = mkdtempSync(path.join(tmpdir(), 'portside-observe-'));
  chmodSync(dir, 0o755);
  const hostPort = (url: string) => new URL(url).host;
  const job = (name: string, target: string) =>
    `  - job_name: ${name}\n    static_configs: [{ targets: ['${target}'] }]\n`;
  writeFileSync(
    path.join(dir, 'prometheus.yml'),
    'global: { scrape_interval: 1s, evaluation_interval: 1s }\n' +
      'rule_files: [/etc/prometheus/rules/*.yaml]\n' +
      'scrape_configs:\n' +
      job('catalog', hostPort(targets.catalog)) +
      job('cart', hostPort(targets.cart)) +
      job('order', hostPort(targets.order)) +
      job('postgres', `127.0.0.1:${pgPort}`) +
      job('redis', `127.0.0.1:${redisPort}`) +
      job('prometheus', `127.0.0.1:${promPort}`),
  );
  const stop = async () => {
    await Promise.all(names.map((name) => docker(['rm', '-f', '-v', name])));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await dockerOrThrow([
      'run',
      '-d',
      '--name',
      names[0] as string,
      '--network',
      'host',
      '-v',
      `${dir}/prometheus.yml:/etc/prometheus/prometheus.yml:ro`,
      '-v',
      `${layerDir}/prometheus/rules:/etc/prometheus/rules:ro`,
      IMAGES.prometheus,
      '--config.file=/etc/prometheus/prometheus.yml',
      '--storage.tsdb.path=/prometheus',
      `--web.listen-address=127.0.0.1:${promPort}`,
      '--web.enable-remote-write-receiver',
    ]);
    await dockerOrThrow([
      'run',
      '-d',
      '--name',
      names[1] as string,
      '--network',
      'host',
      '-e',
      `DATA_SOURCE_NAME=${pg.url}?sslmode=disable`,
      IMAGES.postgresExporter,
      `--web.listen-address=127.0.0.1:${pgPort}`,
    ]);
    await dockerOrThrow([
      'run',
      '-d',
      '--name',
      names[2] as string,
      '--network',
      'host',
      IMAGES.redisExporter,
      '-redis.addr',
      process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379',
      '-web.listen-address',
      `127.0.0.1:${redisPort}`,
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  const url = `http://127.0.0.1:${promPort}`;
  return { url, stop, logs: () => docker(['logs', '--tail', '50', names[0] as string]) };
}

/** An instant query; the raw answer, errors included. */
export async function query(url: string, expr: string): Promise<QueryResult> {
  const res = await fetch(`${url}/api/v1/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ query: expr }),
  });
  return (await res.json()) as QueryResult;
}

/** Polls until check() holds for a query's answer; the last answer otherwise, for the message. */
export async function eventually(
  url: string,
  expr: string,
  check: (r: QueryResult) => boolean,
  withinMs = 60_000,
): Promise<QueryResult> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const answer = await query(url, expr).catch((error: Error): QueryResult => ({
      status: 'unreachable',
      error: error.message,
    }));
    if (check(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export const hasData = (r: QueryResult) =>
  r.status === 'success' && (r.data?.result.length ?? 0) > 0;
