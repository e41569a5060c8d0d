import { mean, quantileSorted } from 'simple-statistics';

export interface LatencyPercentiles {
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

/** Mean and percentiles (linear interpolation between order statistics, R's type 7) of response times. */
export function latencyPercentiles(valuesMs: readonly number[]): LatencyPercentiles {
  if (valuesMs.length === 0) return { meanMs: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0 };
  const sorted = [...valuesMs].sort((a, b) => a - b);
  return {
    meanMs: mean(sorted),
    p50Ms: quantileSorted(sorted, 0.5),
    p95Ms: quantileSorted(sorted, 0.95),
    p99Ms: quantileSorted(sorted, 0.99),
  };
}
