import { criticalU, mannWhitneyU, smallestPValue } from './mann-whitney';

describe('Mann-Whitney U', () => {
  // SciPy's documented example (scipy.stats.mannwhitneyu): ages of male and female staff.
  const males = [19, 22, 16, 29, 24];
  const females = [20, 11, 17, 12];

  it('gives the exact p-value SciPy documents for a small sample without ties', () => {
    const result = mannWhitneyU(males, females);
    expect(result.u).toBe(17);
    expect(result.method).toBe('exact');
    expect(result.p).toBeCloseTo(0.1111111111, 9);
  });

  it("gives SciPy's asymptotic p-value once ties force the normal approximation", () => {
    // One tie (two values equal) moves it to the normal approximation with tie correction.
    const tied = mannWhitneyU([1, 2, 3, 4, 5, 6, 7, 8], [5, 9, 10, 11, 12, 13, 14, 15]);
    expect(tied.method).toBe('normal');
    // scipy.stats.mannwhitneyu(x, y, method="asymptotic"): U 3.5, p 0.0032530810400609885
    expect(tied.u).toBe(3.5);
    expect(tied.p).toBeCloseTo(0.00325308104, 8);
  });

  it.each([
    [5, 5, 2],
    [6, 6, 5],
    [7, 7, 8],
    [8, 8, 13],
    [9, 9, 17],
    [10, 10, 23],
    [5, 10, 8],
    [20, 20, 127],
  ])('critical U for %i and %i runs at 0.05 two-sided is %i, as printed tables give', (m, n, u) => {
    expect(criticalU(m, n, 0.05)).toBe(u);
  });

  it('knows three runs against three can never be significant at 0.05', () => {
    expect(criticalU(3, 3, 0.05)).toBeUndefined();
    expect(smallestPValue(3, 3)).toBeCloseTo(0.1, 10);
    expect(smallestPValue(4, 4)).toBeCloseTo(2 / 70, 10);
  });

  it('is symmetric: swapping the samples keeps p and mirrors U', () => {
    const forward = mannWhitneyU(males, females);
    const backward = mannWhitneyU(females, males);
    expect(backward.p).toBeCloseTo(forward.p, 12);
    expect(backward.u).toBe(males.length * females.length - forward.u);
  });
});
