import { InvalidArgumentError } from 'commander';

/** Flags of the perf commands; bad values are usage errors naming the flag (exit 2). */
export function fraction(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !(parsed > 0 && parsed <= 1))
    throw new InvalidArgumentError('expected a number above 0 and at most 1, e.g. 0.1.');
  return parsed;
}

export function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !(parsed > 0) || !Number.isFinite(parsed))
    throw new InvalidArgumentError('expected a number above 0.');
  return parsed;
}

export function stepList(value: string): number[] {
  const steps = value.split(',').map((part) => Number(part.trim()));
  if (steps.length < 3 || steps.some((n) => !Number.isInteger(n) || n < 1))
    throw new InvalidArgumentError(
      'expected at least three whole numbers of 1 or more, comma-separated, e.g. 1,2,4,8.',
    );
  return [...new Set(steps)].sort((a, b) => a - b);
}
