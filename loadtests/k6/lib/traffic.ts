import type { Journey } from './config.ts';

/**
 * The traffic mix: most visitors browse, few buy (a typical shop converts a few per cent of visits).
 * `seconds` is a journey's typical length with think time, used to size the VU pool (Little's law).
 */
export const TRAFFIC: Record<Journey, { share: number; seconds: number }> = {
  browse: { share: 0.6, seconds: 14 },
  viewProduct: { share: 0.25, seconds: 7 },
  addToCart: { share: 0.1, seconds: 16 },
  checkout: { share: 0.05, seconds: 35 },
};
