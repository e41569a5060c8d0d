// The numbers of the service level objectives come from one place: the k6
// thresholds in loadtests/k6/lib/slo.ts. This module reads them there and says
// which server-side routes each k6 journey's requests land on.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '..', '..');

/** The http_requests_total selector of each journey's requests, as the services label them. */
export const JOURNEY_SELECTORS = {
  browse: 'service="catalog",method="GET",route=~"/api/products|/api/categories"',
  viewProduct:
    'service="catalog",method="GET",route=~"/api/products/:idOrSlug|/api/images/products/:slug.svg"',
  addToCart: 'service="cart",route=~"/api/carts.*"',
  checkout: 'service="order",route=~"/api/orders.*"',
};

/** SLO, MAX_FAILED_RATE from the k6 thresholds (their module reads k6's __ENV at load). */
export async function loadSlo() {
  globalThis.__ENV ??= {};
  const mod = await tsImport(path.join(root, 'loadtests/k6/lib/slo.ts'), import.meta.url);
  return { latency: mod.SLO, maxFailedRate: mod.MAX_FAILED_RATE };
}
