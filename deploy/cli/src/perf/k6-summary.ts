import type { TrafficStats } from './run-summary';

interface K6Summary {
  state?: { testRunDurationMs?: number };
  metrics: Record<string, { values: Record<string, number> }>;
}

/**
 * The figures a run summary keeps, read from k6's handleSummary data: the journey-tagged
 * submetrics the thresholds create (loadtests/k6/lib/slo.ts), with count, med, p(95), p(99)
 * from summaryTrendStats.
 */
export function statsFromK6(summary: K6Summary): {
  journeys: Record<string, TrafficStats>;
  overall: TrafficStats;
  seconds: number;
} {
  const seconds = (summary.state?.testRunDurationMs ?? 0) / 1000;
  const read = (suffix: string): TrafficStats => {
    const d = summary.metrics[`http_req_duration${suffix}`]?.values ?? {};
    const requests = d['count'] ?? summary.metrics[`http_reqs${suffix}`]?.values['count'] ?? 0;
    return {
      requests,
      throughput: seconds > 0 ? requests / seconds : 0,
      meanMs: d['avg'] ?? 0,
      p50Ms: d['med'] ?? 0,
      p95Ms: d['p(95)'] ?? 0,
      p99Ms: d['p(99)'] ?? 0,
      errorRate: summary.metrics[`http_req_failed${suffix}`]?.values['rate'] ?? 0,
    };
  };
  const journeys: Record<string, TrafficStats> = {};
  for (const name of Object.keys(summary.metrics)) {
    const tag = /^http_req_duration\{journey:([^}]+)\}$/.exec(name)?.[1];
    if (tag) journeys[tag] = read(`{journey:${tag}}`);
  }
  return { journeys, overall: read(''), seconds };
}
