import { bootstrapChange } from './bootstrap';
import { compareRuns } from './compare';

describe('bootstrap interval and run comparison', () => {
  const before = [100, 102, 98, 101, 99, 100, 103, 97];
  const slower = before.map((v) => v * 1.3);

  it('puts a 30 % slowdown inside an interval that excludes no change', () => {
    const interval = bootstrapChange(before, slower, { seed: 3 });
    expect(interval.change).toBeCloseTo(0.3, 10);
    expect(interval.low).toBeGreaterThan(0.2);
    expect(interval.high).toBeLessThan(0.4);
  });

  it('gives an interval around zero for the same runs, and the same answer for the same seed', () => {
    const interval = bootstrapChange(before, [...before].reverse(), { seed: 3 });
    expect(interval.low).toBeLessThan(0);
    expect(interval.high).toBeGreaterThan(0);
    expect(bootstrapChange(before, slower, { seed: 9 })).toEqual(
      bootstrapChange(before, slower, { seed: 9 }),
    );
  });

  it('calls a consistent change across 5 runs significant and noise not', () => {
    expect(compareRuns([10, 11, 12, 10.5, 11.5], [15, 16, 14, 15.5, 16.5])).toMatchObject({
      significant: true,
      change: expect.closeTo(4.5 / 11, 10), // medians 11 and 15.5
    });
    expect(compareRuns([10, 11, 12, 10.5, 11.5], [11, 10, 12.5, 11.2, 10.8]).significant).toBe(
      false,
    );
  });

  it('says when three runs against three can never be significant', () => {
    const result = compareRuns([10, 11, 12], [20, 21, 22]);
    expect(result.significant).toBe(false);
    expect(result.note).toMatch(/need more runs/);
  });
});
