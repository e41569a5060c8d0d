import { statsFromK6 } from './k6-summary';

describe('k6 summaries', () => {
  it('reads per-journey figures from the tagged submetrics k6 thresholds create', () => {
    const summary = {
      state: { testRunDurationMs: 60_000 },
      metrics: {
        http_req_duration: { values: { count: 1200, avg: 40, med: 30, 'p(95)': 90, 'p(99)': 150 } },
        http_req_failed: { values: { rate: 0.002 } },
        'http_req_duration{journey:browse}': {
          values: { count: 600, avg: 35, med: 25, 'p(95)': 80, 'p(99)': 120 },
        },
        'http_req_failed{journey:browse}': { values: { rate: 0 } },
      },
    };
    const stats = statsFromK6(summary);
    expect(stats.seconds).toBe(60);
    expect(stats.overall).toEqual({
      requests: 1200,
      throughput: 20,
      meanMs: 40,
      p50Ms: 30,
      p95Ms: 90,
      p99Ms: 150,
      errorRate: 0.002,
    });
    expect(Object.keys(stats.journeys)).toEqual(['browse']);
    expect(stats.journeys['browse']).toMatchObject({ requests: 600, throughput: 10, p95Ms: 80 });
  });
});
