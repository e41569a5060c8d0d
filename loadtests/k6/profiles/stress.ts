/**
 * Stress: steps past normal load (10, 25, 40 journeys a second) to find where latency or errors break. Thresholds allow twice the latency objectives.
 * Run: k6 run -e BASE_URL=http://127.0.0.1:8080 loadtests/k6/profiles/stress.ts
 */
import { summaryFor } from '../lib/entry.ts';
import { buildOptions } from '../lib/options.ts';

export { setup, browse, viewProduct, addToCart, checkout } from '../lib/entry.ts';

export const options = buildOptions(
  {
    kind: 'ramping',
    startPerSecond: 0,
    stages: [
      { duration: '2m', target: 10 },
      { duration: '5m', target: 10 },
      { duration: '2m', target: 25 },
      { duration: '5m', target: 25 },
      { duration: '2m', target: 40 },
      { duration: '5m', target: 40 },
      { duration: '2m', target: 0 },
    ],
  },
  { latency: 2, failedRate: 0.05 },
);

export const handleSummary = summaryFor('stress');
