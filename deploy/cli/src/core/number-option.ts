import { InvalidArgumentError } from 'commander';

/**
 * Parses a numeric flag, so `--health-timeout soon` is bad input (exit 2, naming the flag)
 * instead of a NaN that surfaces later as something else.
 */
export function wholeNumber(minimum: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isInteger(parsed) || parsed < minimum) {
      throw new InvalidArgumentError(`expected a whole number of at least ${minimum}.`);
    }
    return parsed;
  };
}
