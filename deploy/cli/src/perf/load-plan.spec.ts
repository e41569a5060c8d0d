import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../core/errors';
import { loadPlan, splitConnections } from './load-plan';
import { singleJourneyPlan } from '../commands/capacity/stepped-plan';
import { nextStepToCheck } from '../commands/capacity/self-check';
import { fitUsl } from '@portside/perf-models';

const plan = {
  connections: 10,
  durationSeconds: 5,
  slo: {},
  journeys: [
    { name: 'browse', weight: 60, requests: [{ method: 'GET' as const, path: '/a' }] },
    { name: 'viewProduct', weight: 25, requests: [{ method: 'GET' as const, path: '/b' }] },
    { name: 'addToCart', weight: 10, requests: [{ method: 'PUT' as const, path: '/c' }] },
  ],
};

describe('load plans', () => {
  it('shares connections by weight, at least one per journey', () => {
    expect(splitConnections(plan, 20)).toEqual([13, 5, 2]);
    expect(splitConnections(plan, 1)).toEqual([1, 1, 1]);
  });

  it('takes a workspace plan file as a profile; a wrong name or a wrong file is a usage error', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'portside-plan-'));
    try {
      mkdirSync(path.join(root, 'loadtests/plans'), { recursive: true });
      const slo = { p95Ms: 100, p99Ms: 200, maxErrorRate: 0 };
      const written = { ...plan, slo: { browse: slo, viewProduct: slo, addToCart: slo } };
      writeFileSync(path.join(root, 'loadtests/plans/quick.json'), JSON.stringify(written));
      writeFileSync(path.join(root, 'loadtests/plans/broken.json'), '{"connections": 0}');
      await expect(loadPlan(root, 'quick', 'http://127.0.0.1:1')).resolves.toEqual({
        plan: written,
        file: path.join(root, 'loadtests/plans/quick.json'),
      });
      const unknown = loadPlan(root, 'quik', 'http://127.0.0.1:1');
      await expect(unknown).rejects.toBeInstanceOf(UsageError);
      await expect(unknown).rejects.toThrow(/profiles are: smoke, .*, broken, quick$/);
      const broken = loadPlan(root, 'broken', 'http://127.0.0.1:1');
      await expect(broken).rejects.toBeInstanceOf(UsageError);
      await expect(broken).rejects.toThrow(/^loadtests\/plans\/broken\.json: connections: /);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('plays the stack as one journey mixing requests by weight, or one named journey', () => {
    const stack = singleJourneyPlan(plan, undefined, 3);
    expect(stack.journeys).toHaveLength(1);
    expect(stack.journeys[0]!.requests.map((r) => r.path).join('')).toBe(
      `${'/a'.repeat(6)}${'/b'.repeat(3)}/c`,
    );
    expect(singleJourneyPlan(plan, 'viewProduct', 3).journeys[0]!.name).toBe('viewProduct');
    expect(() => singleJourneyPlan(plan, 'checkout', 3)).toThrow(/unknown journey "checkout"/);
  });

  it('checks the model at its predicted peak when that lies near the measured range, never at a measured level', () => {
    const peaked = fitUsl(
      [1, 2, 4, 8, 16].map((n) => ({
        concurrency: n,
        throughput: (100 * n) / (1 + 0.05 * (n - 1) + 0.01 * n * (n - 1)),
      })),
    );
    // sqrt(0.95 / 0.01) = 9.7
    expect(nextStepToCheck(peaked, [1, 2, 4, 8, 16])).toBe(10);
    const linear = fitUsl([1, 2, 4, 8].map((n) => ({ concurrency: n, throughput: 50 * n })));
    expect(nextStepToCheck(linear, [1, 2, 4, 8])).toBe(16);
  });
});
