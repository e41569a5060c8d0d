import type { UslFit } from '@portside/perf-models';

/**
 * The concurrency the model is checked at: one it did not measure, where its prediction matters
 * most. The predicted peak when it lies within twice the highest step, else twice the highest
 * step (an extrapolation), moved off any level already measured.
 */
export function nextStepToCheck(fit: UslFit, measured: readonly number[]): number {
  const highest = Math.max(...measured);
  let level =
    Number.isFinite(fit.peakConcurrency) && fit.peakConcurrency <= 2 * highest
      ? Math.round(fit.peakConcurrency)
      : 2 * highest;
  level = Math.max(1, level);
  while (measured.includes(level)) level += 1;
  return level;
}
