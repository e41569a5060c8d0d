/*
 * The objectives as plain numbers, importable from Node too (the autocannon runner and
 * `portside deploy --verify` judge against the same ones k6's thresholds use).
 */

/** Service level objectives per journey, in milliseconds, at normal load. */
// Keys are config.ts's JOURNEYS (slo.ts indexes SLO by them, so a missing one fails to compile);
// config.ts itself reads k6's __ENV and cannot load in Node.
export const SLO: Record<
  'browse' | 'viewProduct' | 'addToCart' | 'checkout',
  { p95: number; p99: number }
> = {
  browse: { p95: 300, p99: 800 },
  viewProduct: { p95: 250, p99: 600 },
  addToCart: { p95: 400, p99: 1000 },
  checkout: { p95: 800, p99: 2000 },
};

/** At most this share of requests may fail, and at least this share of checks must pass. */
export const MAX_FAILED_RATE = 0.01;
export const MIN_CHECKS_RATE = 0.99;
