import { median } from 'simple-statistics';
import { mannWhitneyU, smallestPValue } from './mann-whitney';

/**
 * One metric across the runs of two releases, benchstat style: the medians, the relative
 * change, and whether the change is significant by Mann-Whitney U at `alpha`. Not significant
 * prints as `~`.
 */
export interface MetricComparison {
  before: number;
  after: number;
  /** (after − before) / before; 0 when before is 0 and after too. */
  change: number;
  p: number;
  significant: boolean;
  /** Set when the samples are too few for any change to reach alpha (3 runs against 3 cannot). */
  note?: string;
}

export function compareRuns(
  before: readonly number[],
  after: readonly number[],
  alpha = 0.05,
): MetricComparison {
  const b = median([...before]);
  const a = median([...after]);
  const change = b === 0 ? (a === 0 ? 0 : Number.POSITIVE_INFINITY) : (a - b) / b;
  const identical = before.every((v) => v === before[0]) && after.every((v) => v === before[0]);
  const p = identical ? 1 : mannWhitneyU(before, after).p;
  const floor = smallestPValue(before.length, after.length);
  return {
    before: b,
    after: a,
    change,
    p,
    significant: p < alpha,
    note:
      floor >= alpha
        ? `need more runs: ${before.length} against ${after.length} cannot reach p < ${alpha}`
        : undefined,
  };
}
