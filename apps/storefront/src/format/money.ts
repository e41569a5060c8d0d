const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/** Money travels as integer cents; only the display turns it into dollars. */
export function formatMoney(cents: number): string {
  return usd.format(cents / 100);
}
