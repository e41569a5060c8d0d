import { InvalidArgumentError } from 'commander';
import { wholeNumber } from './number-option';

describe('a numeric flag', () => {
  it('takes a whole number at or above its minimum', () => {
    expect(wholeNumber(1)('90')).toBe(90);
    expect(wholeNumber(0)('0')).toBe(0);
  });

  it('refuses words, fractions, blanks and numbers below the minimum', () => {
    for (const value of ['soon', '1.5', '', ' ', '0', '-3']) {
      expect(() => wholeNumber(1)(value)).toThrow(InvalidArgumentError);
    }
  });
});
