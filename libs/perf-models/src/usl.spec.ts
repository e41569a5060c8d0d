import { seededRandom } from './bootstrap';
import { fitUsl, uslThroughput } from './usl';

describe('Universal Scalability Law fit', () => {
  const truth = { sigma: 0.05, kappa: 0.002, lambda: 120 };
  const levels = [1, 2, 4, 8, 12, 16, 24, 32, 48, 64];

  it('recovers σ, κ and λ from exact synthetic throughput', () => {
    const fit = fitUsl(
      levels.map((n) => ({ concurrency: n, throughput: uslThroughput(truth, n) })),
    );
    expect(fit.sigma).toBeCloseTo(truth.sigma, 4);
    expect(fit.kappa).toBeCloseTo(truth.kappa, 5);
    expect(fit.lambda).toBeCloseTo(truth.lambda, 2);
    expect(fit.rSquared).toBeCloseTo(1, 6);
    // Peak at sqrt((1 − σ)/κ) = 21.79 clients.
    expect(fit.peakConcurrency).toBeCloseTo(Math.sqrt(0.95 / 0.002), 1);
  });

  it('recovers σ and κ within a few per cent when each measurement carries 2 % noise', () => {
    const random = seededRandom(7);
    const fit = fitUsl(
      levels.map((n) => ({
        concurrency: n,
        throughput: uslThroughput(truth, n) * (1 + (random() - 0.5) * 0.04),
      })),
    );
    expect(Math.abs(fit.sigma - truth.sigma)).toBeLessThan(0.01);
    expect(Math.abs(fit.kappa - truth.kappa)).toBeLessThan(0.0003);
    expect(fit.rSquared).toBeGreaterThan(0.98);
  });

  it('fits linear scaling as σ = κ = 0 with an unbounded peak', () => {
    const fit = fitUsl(levels.map((n) => ({ concurrency: n, throughput: 50 * n })));
    expect(fit.sigma).toBeCloseTo(0, 4);
    expect(fit.kappa).toBeCloseTo(0, 6);
    expect(fit.peakConcurrency).toBe(Number.POSITIVE_INFINITY);
  });

  it('puts the knee where linear scaling meets the peak', () => {
    const fit = fitUsl(
      levels.map((n) => ({ concurrency: n, throughput: uslThroughput(truth, n) })),
    );
    expect(fit.kneeConcurrency).toBeCloseTo(fit.peakThroughput / fit.lambda, 6);
    expect(fit.kneeConcurrency).toBeLessThan(fit.peakConcurrency);
  });

  it('puts the peak at one client when throughput never grows with load', () => {
    const fit = fitUsl(levels.map((n) => ({ concurrency: n, throughput: 100 / (1 + 0.01 * n) })));
    expect(fit.peakConcurrency).toBe(1);
    expect(fit.peakThroughput).toBeCloseTo(fit.lambda, 6);
  });

  it('refuses fewer than three steps', () => {
    expect(() => fitUsl([{ concurrency: 1, throughput: 1 }])).toThrow(/three load steps/);
  });
});
