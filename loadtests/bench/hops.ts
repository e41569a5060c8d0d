import { serviceAddress, serviceImage, startBareContainer } from './containers';
import type { Result } from 'autocannon';
import { measure, type MeasureOptions } from './measure';
import type { Hop } from './report';

/** The cached product list, the read every shopper's first page makes. */
export const HOP_PATH = '/api/products?limit=20';

const BARE = 'bare Node container, by its address';
const BARE_PUBLISHED = 'bare Node container, published on 127.0.0.1';
const CATALOG = 'catalog container, by its address';
const INGRESS = 'ingress (HAProxy) → catalog, by its address';
const PUBLISHED = 'published port → ingress → catalog';
const NGINX = 'for comparison: storefront nginx → catalog, by its address';

/**
 * The path of one request, hop by hop, in one run: a bare Node server in a container (by its
 * address, then published by Docker as the edge is: Docker's own cost), the catalog by its
 * container address, the ingress by its container address (Portside's one proxy hop for /api),
 * and the published port a user meets. Each row names the row behind it. Last, for comparison,
 * the storefront's nginx routing the same request the way the edge did before (it still can).
 */
export async function measureHops(
  edgeUrl: string,
  project: string,
  options: Pick<MeasureOptions, 'connections' | 'duration' | 'timeout' | 'warmup'>,
  log: (line: string) => void,
): Promise<Hop[]> {
  const [catalog, ingress, storefront, image] = await Promise.all([
    serviceAddress(project, 'catalog'),
    serviceAddress(project, 'ingress'),
    serviceAddress(project, 'storefront'),
    serviceImage(project, 'catalog'),
  ]);
  if (!catalog || !ingress || !image) {
    log(`hop table skipped: no catalog or ingress container in compose project ${project}`);
    return [];
  }
  const body = await fetch(`${edgeUrl}${HOP_PATH}`).then((res) => res.text());
  const bare = await startBareContainer(image, Buffer.byteLength(body));
  const targets: { name: string; url: string; behind?: string }[] = [
    { name: BARE, url: `${bare.byAddress}${HOP_PATH}` },
    { name: BARE_PUBLISHED, url: `${bare.published}${HOP_PATH}`, behind: BARE },
    { name: CATALOG, url: `http://${catalog}:3001${HOP_PATH}`, behind: BARE },
    { name: INGRESS, url: `http://${ingress}:8080${HOP_PATH}`, behind: CATALOG },
    { name: PUBLISHED, url: `${edgeUrl}${HOP_PATH}`, behind: INGRESS },
    // The edge before HAProxy: nginx 1.22 re-resolving names, one connection per request.
    ...(storefront
      ? [{ name: NGINX, url: `http://${storefront}:8080${HOP_PATH}`, behind: CATALOG }]
      : []),
  ];
  // Each target is measured in several short rounds, taken in turn, so a hop and the one
  // behind it see the same machine: on shared cores, minutes apart is another machine.
  const rounds: Result[][] = targets.map(() => []);
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      for (const [index, target] of targets.entries()) {
        log(`hop, round ${round} of ${ROUNDS}: ${target.name}`);
        rounds[index]!.push(
          await measure({
            ...options,
            // Warmed up once: later rounds find the connections and caches warm.
            warmup: round === 1 ? options.warmup : undefined,
            duration: Math.max(1, Number(options.duration ?? 10) / ROUNDS),
            url: target.url,
          }),
        );
      }
    }
  } finally {
    await bare.stop();
  }
  return targets.map((target, index) => ({
    name: target.name,
    behind: target.behind,
    result: mergeRounds(rounds[index]!),
  }));
}

const ROUNDS = 3;

const middle = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

/** One result from a target's rounds: mean throughput, summed counts, median latencies. */
export function mergeRounds(results: Result[]): Result {
  const sum = (pick: (r: Result) => number) => results.reduce((total, r) => total + pick(r), 0);
  const statusCodeStats: Record<string, { count: number }> = {};
  for (const result of results) {
    for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) {
      const count = (stats as { count?: number }).count ?? 0;
      statusCodeStats[code] = { count: (statusCodeStats[code]?.count ?? 0) + count };
    }
  }
  return {
    ...results[0]!,
    requests: {
      ...results[0]!.requests,
      average: sum((r) => r.requests.average) / results.length,
      total: sum((r) => r.requests.total),
    },
    latency: {
      ...results[0]!.latency,
      p50: middle(results.map((r) => r.latency.p50)),
      p99: middle(results.map((r) => r.latency.p99)),
      mean: sum((r) => r.latency.mean) / results.length,
    },
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    non2xx: sum((r) => r.non2xx),
    statusCodeStats,
  } as Result;
}

/** The aims, as lines under the table: each read from this run's figures. */
export function hopAims(hops: Hop[]): string[] {
  const rate = (name: string) => hops.find((h) => h.name === name)?.result;
  const catalog = rate(CATALOG);
  const ingress = rate(INGRESS);
  const published = rate(PUBLISHED);
  if (!catalog || !ingress || !published) return [];
  const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(1)}%`;
  return [
    `ingress hop keeps ${pct(ingress.requests.average, catalog.requests.average)} of the catalog (aim ≥ 80%)`,
    `published port keeps ${pct(published.requests.average, catalog.requests.average)} of the catalog reached directly (aim ≥ 50%)`,
    `p99 through the published port: ${published.latency.p99} ms (aim < 50 ms)`,
  ];
}
