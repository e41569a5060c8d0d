import { median, sampleWithReplacement, quantile } from 'simple-statistics';

/**
 * Percentile bootstrap interval for the relative change of a statistic (the median by default)
 * from sample a to sample b: resample both with replacement many times and read the interval
 * off the resampled changes. Seeded, so a report is reproducible.
 */
export interface BootstrapInterval {
  /** (stat(b) - stat(a)) / stat(a) on the samples themselves. */
  change: number;
  low: number;
  high: number;
  confidence: number;
}

export interface BootstrapOptions {
  resamples?: number;
  confidence?: number;
  seed?: number;
  statistic?: (values: number[]) => number;
}

export function bootstrapChange(
  a: readonly number[],
  b: readonly number[],
  options: BootstrapOptions = {},
): BootstrapInterval {
  if (a.length === 0 || b.length === 0) throw new RangeError('both samples need values');
  const statistic = options.statistic ?? ((values: number[]) => median(values));
  const resamples = options.resamples ?? 2000;
  const confidence = options.confidence ?? 0.95;
  const random = seededRandom(options.seed ?? 1);
  const relative = (x: number[], y: number[]) => {
    const base = statistic(x);
    return base === 0 ? 0 : (statistic(y) - base) / base;
  };
  const changes: number[] = [];
  for (let i = 0; i < resamples; i++) {
    changes.push(
      relative(
        sampleWithReplacement([...a], a.length, random),
        sampleWithReplacement([...b], b.length, random),
      ),
    );
  }
  const tail = (1 - confidence) / 2;
  return {
    change: relative([...a], [...b]),
    low: quantile(changes, tail),
    high: quantile(changes, 1 - tail),
    confidence,
  };
}

/** mulberry32: a small, well-mixed 32-bit generator; enough for resampling. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
