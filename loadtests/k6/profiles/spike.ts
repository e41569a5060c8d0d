/**
 * Spike: a quiet shop hit by a sudden rush (2 to 50 journeys a second in 10 s, a flash sale), then quiet again: does it recover?
 * Run: k6 run -e BASE_URL=http://127.0.0.1:8080 loadtests/k6/profiles/spike.ts
 */
import { summaryFor } from '../lib/entry.ts';
import { buildOptions } from '../lib/options.ts';

export { setup, browse, viewProduct, addToCart, checkout } from '../lib/entry.ts';

export const options = buildOptions(
  {
    kind: 'ramping',
    startPerSecond: 2,
    stages: [
      { duration: '30s', target: 2 },
      { duration: '10s', target: 50 },
      { duration: '1m', target: 50 },
      { duration: '10s', target: 2 },
      { duration: '1m', target: 2 },
    ],
  },
  { latency: 3, failedRate: 0.1 },
);

export const handleSummary = summaryFor('spike');
