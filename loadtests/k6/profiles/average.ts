/**
 * Average load: a normal busy day, 10 journeys a second after a ramp, held for 10 minutes.
 * Run: k6 run -e BASE_URL=http://127.0.0.1:8080 loadtests/k6/profiles/average.ts
 */
import { summaryFor } from '../lib/entry.ts';
import { buildOptions } from '../lib/options.ts';

export { setup, browse, viewProduct, addToCart, checkout } from '../lib/entry.ts';

export const options = buildOptions({
  kind: 'ramping',
  startPerSecond: 0,
  stages: [
    { duration: '2m', target: 10 },
    { duration: '10m', target: 10 },
    { duration: '1m', target: 0 },
  ],
});

export const handleSummary = summaryFor('average');
