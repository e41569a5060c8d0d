import { availability, capacityAtSlo, littlesLaw, replicasFor } from './capacity';
import { latencyPercentiles } from './latency';

describe('capacity arithmetic', () => {
  it("checks Little's law: 10 in flight at 200/s means 50 ms each", () => {
    expect(littlesLaw(10, 200, 50).relativeError).toBeCloseTo(0, 10);
    expect(littlesLaw(10, 200, 60)).toMatchObject({ predicted: 12 });
    expect(littlesLaw(10, 200, 60).relativeError).toBeCloseTo(0.2, 10);
  });

  it('takes the best throughput that met the latency SLO, per replica', () => {
    const steps = [
      { concurrency: 4, throughput: 400, p95Ms: 20, errorRate: 0 },
      { concurrency: 8, throughput: 700, p95Ms: 45, errorRate: 0 },
      { concurrency: 16, throughput: 800, p95Ms: 120, errorRate: 0 },
    ];
    expect(capacityAtSlo(steps, { p95Ms: 50, maxErrorRate: 0.01 }, 2)).toBe(350);
    expect(capacityAtSlo(steps, { p95Ms: 10, maxErrorRate: 0.01 })).toBeUndefined();
  });

  it('sizes replicas with headroom: 1000/s at 300/s each, 70 % busy at most, takes 5', () => {
    expect(replicasFor(1000, 300, 0.7)).toBe(5);
    expect(replicasFor(210, 300, 0.7)).toBe(1);
    expect(() => replicasFor(1, 0)).toThrow(/positive/);
  });

  it('computes the availability of N replicas as a binomial tail', () => {
    expect(availability(1, 0.99)).toBeCloseTo(0.99, 12);
    expect(availability(2, 0.99)).toBeCloseTo(0.9999, 12);
    expect(availability(3, 0.99)).toBeCloseTo(0.999999, 12);
    // Two of three needed: 3·0.99²·0.01 + 0.99³ = 0.999702.
    expect(availability(3, 0.99, 2)).toBeCloseTo(0.999702, 12);
  });
});

describe('latency percentiles', () => {
  it("reads p50, p95 and p99 off 1..100 ms as R's default quantile (type 7) does", () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(latencyPercentiles(values)).toEqual({
      meanMs: 50.5,
      p50Ms: 50.5,
      p95Ms: 95.05,
      p99Ms: 99.01,
    });
  });
});
