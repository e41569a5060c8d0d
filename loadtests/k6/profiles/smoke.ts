/**
 * Smoke: a trickle of every journey for one minute. Proves the deployment works end to end and meets its SLOs when idle.
 * Run: k6 run -e BASE_URL=http://127.0.0.1:8080 loadtests/k6/profiles/smoke.ts
 */
import { summaryFor } from '../lib/entry.ts';
import { buildOptions } from '../lib/options.ts';

export { setup, browse, viewProduct, addToCart, checkout } from '../lib/entry.ts';

export const options = buildOptions({ kind: 'constant', perSecond: 0.2, duration: '1m' });

export const handleSummary = summaryFor('smoke');
