import { errorFunction } from 'simple-statistics';

/**
 * Mann-Whitney U (Wilcoxon rank-sum), the rank test benchstat uses to say whether two sets of
 * runs differ. Two-sided. Exact p-value from the distribution of U when there are no ties and
 * the samples are small; otherwise the normal approximation with tie and continuity corrections
 * (what SciPy's `mannwhitneyu(method="asymptotic")` computes).
 */
export interface MannWhitneyResult {
  /** U of the first sample: pairs (a, b) with a > b, ties counting one half. */
  u: number;
  p: number;
  method: 'exact' | 'normal';
}

/** Above this many pairs the exact distribution is not worth its table. */
const EXACT_LIMIT = 50;

export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  if (a.length === 0 || b.length === 0) throw new RangeError('both samples need values');
  const { ranks, tieGroups } = rank([...a, ...b]);
  const rankSumA = ranks.slice(0, a.length).reduce((sum, r) => sum + r, 0);
  const u = rankSumA - (a.length * (a.length + 1)) / 2;
  const hasTies = tieGroups.some((size) => size > 1);
  if (!hasTies && a.length <= EXACT_LIMIT && b.length <= EXACT_LIMIT)
    return { u, p: exactTwoSided(u, a.length, b.length), method: 'exact' };
  return { u, p: normalTwoSided(u, a.length, b.length, tieGroups), method: 'normal' };
}

/** The smallest two-sided p-value samples of these sizes can reach: with 3 runs against 3 it is 0.1. */
export function smallestPValue(m: number, n: number): number {
  return Math.min(1, 2 / binomial(m + n, m));
}

/**
 * The largest U whose two-sided exact p-value is at most alpha (what printed tables list):
 * undefined when no U is that extreme for these sample sizes.
 */
export function criticalU(m: number, n: number, alpha = 0.05): number | undefined {
  const counts = uDistribution(m, n);
  const total = counts.reduce((sum, c) => sum + c, 0);
  let cumulative = 0;
  let critical: number | undefined;
  for (let u = 0; u < counts.length; u++) {
    cumulative += counts[u]!;
    if ((2 * cumulative) / total > alpha) break;
    critical = u;
  }
  return critical;
}

/** Ranks from 1, ties given their average rank; also the size of each group of ties. */
function rank(values: number[]): { ranks: number[]; tieGroups: number[] } {
  const order = values.map((value, index) => ({ value, index })).sort((x, y) => x.value - y.value);
  const ranks = new Array<number>(values.length);
  const tieGroups: number[] = [];
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]!.value === order[start]!.value) end++;
    const average = (start + end) / 2 + 1;
    for (let i = start; i <= end; i++) ranks[order[i]!.index] = average;
    tieGroups.push(end - start + 1);
    start = end + 1;
  }
  return { ranks, tieGroups };
}

/** Counts of each U under the null hypothesis, by the recurrence f(m,n,u) = f(m-1,n,u-n) + f(m,n-1,u). */
function uDistribution(m: number, n: number): number[] {
  // table[i][j] is the count vector for sizes i and j.
  const table: number[][][] = [];
  for (let i = 0; i <= m; i++) {
    table[i] = [];
    for (let j = 0; j <= n; j++) {
      if (i === 0 || j === 0) {
        table[i]![j] = [1];
        continue;
      }
      const counts = new Array<number>(i * j + 1).fill(0);
      const withLargestInA = table[i - 1]![j]!;
      const withLargestInB = table[i]![j - 1]!;
      withLargestInA.forEach((count, u) => (counts[u + j]! += count));
      withLargestInB.forEach((count, u) => (counts[u]! += count));
      table[i]![j] = counts;
    }
  }
  return table[m]![n]!;
}

function exactTwoSided(u: number, m: number, n: number): number {
  const counts = uDistribution(m, n);
  const total = counts.reduce((sum, c) => sum + c, 0);
  const atMost = counts.slice(0, Math.floor(u) + 1).reduce((sum, c) => sum + c, 0) / total;
  const atLeast = counts.slice(Math.ceil(u)).reduce((sum, c) => sum + c, 0) / total;
  return Math.min(1, 2 * Math.min(atMost, atLeast));
}

function normalTwoSided(u: number, m: number, n: number, tieGroups: number[]): number {
  const total = m + n;
  const meanU = (m * n) / 2;
  const tieTerm = tieGroups.reduce((sum, t) => sum + (t ** 3 - t), 0) / (total * (total - 1));
  const variance = ((m * n) / 12) * (total + 1 - tieTerm);
  if (variance === 0) return 1;
  const z = Math.max(0, Math.abs(u - meanU) - 0.5) / Math.sqrt(variance);
  return Math.min(1, 2 * (1 - standardNormalCdf(z)));
}

export function standardNormalCdf(z: number): number {
  return 0.5 * (1 + errorFunction(z / Math.SQRT2));
}

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}
