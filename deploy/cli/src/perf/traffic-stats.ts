import { latencyPercentiles } from '@portside/perf-models';
import type { TrafficStats } from './run-summary';

/** One journey's (or the whole run's) figures from every response time recorded. */
export function trafficStats(
  latenciesMs: readonly number[],
  failed: number,
  durationSeconds: number,
): TrafficStats {
  const requests = latenciesMs.length;
  return {
    requests,
    throughput: durationSeconds > 0 ? requests / durationSeconds : 0,
    ...latencyPercentiles(latenciesMs),
    errorRate: requests === 0 ? 1 : Math.min(1, failed / requests),
  };
}
