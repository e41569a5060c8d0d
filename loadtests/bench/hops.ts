import { serviceAddress, serviceImage, startBareContainer } from './containers';
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
  const hop = async (name: string, url: string, behind?: string): Promise<Hop> => {
    log(`hop: ${name}`);
    return { name, behind, result: await measure({ ...options, url }) };
  };
  try {
    return [
      await hop(BARE, `${bare.byAddress}${HOP_PATH}`),
      await hop(BARE_PUBLISHED, `${bare.published}${HOP_PATH}`, BARE),
      await hop(CATALOG, `http://${catalog}:3001${HOP_PATH}`, BARE),
      await hop(INGRESS, `http://${ingress}:8080${HOP_PATH}`, CATALOG),
      await hop(PUBLISHED, `${edgeUrl}${HOP_PATH}`, INGRESS),
      // The edge before HAProxy: nginx 1.22 re-resolving names, one connection per request.
      ...(storefront ? [await hop(NGINX, `http://${storefront}:8080${HOP_PATH}`, CATALOG)] : []),
    ];
  } finally {
    await bare.stop();
  }
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
