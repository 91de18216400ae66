/**
 * Dollar amounts are computed in whole cents so that sums and percentages of booking values do
 * not drift by floating-point error, and shown the way the program material writes them.
 */

export function toCents(usd: number): number {
  return Math.round(usd * 100);
}

export function fromCents(cents: number): number {
  return cents / 100;
}

/** `$12,500`, `$1,234.56`: cents only when there are any. */
export function formatUsd(usd: number): string {
  const cents = Math.abs(toCents(usd));
  const dollars = String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const rest = cents % 100;
  return `${usd < 0 ? '-' : ''}$${dollars}${rest === 0 ? '' : `.${String(rest).padStart(2, '0')}`}`;
}

/** A percentage rounded to two decimals for display: 34.9, 35, 33.33. */
export function formatPercent(percent: number): string {
  return `${Math.round(percent * 100) / 100}%`;
}
