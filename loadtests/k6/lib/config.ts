/** Where the stack's edge listens. Override with `-e BASE_URL=https://shop.example.com`. */
export const BASE_URL = (__ENV.BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');

/** Where handleSummary writes k6-summary-<profile>.json and .txt (the CLI points it beside the release). */
export const SUMMARY_DIR = (__ENV.SUMMARY_DIR || '.').replace(/\/+$/, '');

/** Scales think time: 0 in CI-like dry runs, 1 for realistic pacing. */
export const THINK_TIME_FACTOR =
  __ENV.THINK_TIME_FACTOR === undefined ? 1 : Number(__ENV.THINK_TIME_FACTOR);

/** A slow answer counts as a failure rather than hanging a VU. */
export const REQUEST_TIMEOUT = '10s';

export const JOURNEYS = ['browse', 'viewProduct', 'addToCart', 'checkout'] as const;
export type Journey = (typeof JOURNEYS)[number];

/** The card the payment simulator always accepts. */
export const TEST_CARD = {
  cardNumber: '4242 4242 4242 4242',
  expMonth: 12,
  expYear: 2034,
  cvc: '123',
};

/** Multiplies every profile's arrival rate: size a profile to a smaller or larger deployment. */
export const LOAD_FACTOR = __ENV.LOAD_FACTOR === undefined ? 1 : Number(__ENV.LOAD_FACTOR);
