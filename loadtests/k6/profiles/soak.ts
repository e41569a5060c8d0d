/**
 * Soak: steady load (8 journeys a second) for hours, to surface leaks, pool exhaustion and growing caches. SOAK_DURATION sets the hold (default 2h).
 * Run: k6 run -e BASE_URL=http://127.0.0.1:8080 loadtests/k6/profiles/soak.ts
 */
import { summaryFor } from '../lib/entry.ts';
import { buildOptions } from '../lib/options.ts';

export { setup, browse, viewProduct, addToCart, checkout } from '../lib/entry.ts';

export const options = buildOptions({
  kind: 'ramping',
  startPerSecond: 0,
  stages: [
    { duration: '5m', target: 8 },
    { duration: __ENV.SOAK_DURATION || '2h', target: 8 },
    { duration: '5m', target: 0 },
  ],
});

export const handleSummary = summaryFor('soak');
