import { brandOf, isExpired, last4Of, passesLuhn } from './cards';
import { TEST_CARDS } from './simulator';

describe('cards', () => {
  it('accepts every test card by the Luhn checksum and rejects a mistyped one', () => {
    for (const card of Object.values(TEST_CARDS)) expect(passesLuhn(card)).toBe(true);
    expect(passesLuhn('4242424242424241')).toBe(false);
  });

  it('names the brand from the leading digits', () => {
    expect(brandOf('4242424242424242')).toBe('visa');
    expect(brandOf('5555555555554444')).toBe('mastercard');
    expect(brandOf('2223003122003222')).toBe('mastercard');
    expect(brandOf('378282246310005')).toBe('amex');
    expect(brandOf('6011111111111117')).toBe('discover');
    expect(brandOf('9999999999999995')).toBe('unknown');
  });

  it('keeps only the last four digits', () => {
    expect(last4Of('4242424242424242')).toBe('4242');
  });

  it('treats a card as valid through the end of its expiry month', () => {
    const now = new Date('2026-11-25T12:00:00Z');
    expect(isExpired(11, 2026, now)).toBe(false);
    expect(isExpired(10, 2026, now)).toBe(true);
    expect(isExpired(1, 2025, now)).toBe(true);
    expect(isExpired(1, 2027, now)).toBe(false);
  });
});
