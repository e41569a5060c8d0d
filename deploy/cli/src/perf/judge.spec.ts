import { regressionChecks, sloChecks } from './judge';
import type { RunSummary, TrafficStats } from './run-summary';

const stats = (p95Ms: number, throughput: number, errorRate = 0): TrafficStats => ({
  requests: 1000,
  throughput,
  meanMs: p95Ms / 2,
  p50Ms: p95Ms / 2,
  p95Ms,
  p99Ms: p95Ms * 1.5,
  errorRate,
});

const run = (hello: TrafficStats, greet: TrafficStats = stats(5, 500)): RunSummary => ({
  profile: 'quick',
  runner: 'autocannon',
  baseUrl: 'http://127.0.0.1:1',
  startedAt: '2026-01-01T00:00:00Z',
  durationSeconds: 2,
  concurrency: 4,
  machine: { fingerprint: 'm', hostname: 'm', cpus: 2, cpuModel: 'x', memoryGiB: 1, node: 'v20' },
  generatorCpu: 0.3,
  journeys: { hello, greet },
  overall: greet,
});

const failed = (checks: { name: string; passed: boolean }[]) =>
  checks.filter((c) => !c.passed).map((c) => c.name);

describe('verification checks', () => {
  const baseline = [10, 11, 12, 10.5, 11.5].map((p95) => run(stats(p95, 300)));
  const policy = { margin: 0.1, alpha: 0.05 };

  it('fails the p95 and throughput of a journey that is consistently 50 % slower', () => {
    const slower = [15, 16, 17, 15.5, 16.5].map((p95) => run(stats(p95, 200)));
    expect(failed(regressionChecks(baseline, slower, policy))).toEqual([
      'regression hello p95',
      'regression hello throughput',
    ]);
  });

  it('passes a significant change within the margin, and noise beyond it', () => {
    const slightly = [10.6, 11.6, 12.6, 11.1, 12.1].map((p95) => run(stats(p95, 300)));
    expect(failed(regressionChecks(baseline, slightly, policy))).toEqual([]);
    const noisy = [9, 14, 10, 13, 11].map((p95) => run(stats(p95, 300)));
    expect(failed(regressionChecks(baseline, noisy, policy))).toEqual([]);
  });

  it('fails a rise in errors', () => {
    const erring = [10, 11, 12, 10.5, 11.5].map((p95) => run(stats(p95, 300, 0.05)));
    expect(failed(regressionChecks(baseline, erring, policy))).toEqual(['regression hello errors']);
  });

  it('judges SLOs on the median run, so one bad run does not fail a release', () => {
    const slo = { hello: { p95Ms: 20, p99Ms: 40, maxErrorRate: 0.01 } };
    const oneBad = [run(stats(10, 300)), run(stats(90, 300)), run(stats(11, 300))];
    expect(failed(sloChecks(oneBad, slo))).toEqual([]);
    const twoBad = [run(stats(10, 300)), run(stats(90, 300)), run(stats(91, 300))];
    expect(failed(sloChecks(twoBad, slo))).toEqual(['slo hello p95', 'slo hello p99']);
  });
});
