const DAY = 86_400_000;
const HOUR = 3_600_000;

/** "3 days 4 h left", "5 h left", "2 days overdue". */
export function timeLeft(ms: number): string {
  const past = ms < 0;
  const abs = Math.abs(ms);
  const days = Math.floor(abs / DAY);
  const hours = Math.floor((abs % DAY) / HOUR);
  const amount = days > 0 ? `${days} day${days === 1 ? '' : 's'}${hours > 0 ? ` ${hours} h` : ''}` : hours > 0 ? `${hours} h` : `${Math.max(1, Math.round(abs / 60_000))} min`;
  return past ? `${amount} overdue` : `${amount} left`;
}

/** How urgent a time left is, for its colour: overdue, within a week, later. */
export function urgency(ms: number | undefined): 'overdue' | 'soon' | 'later' {
  if (ms === undefined) return 'later';
  if (ms < 0) return 'overdue';
  return ms < 7 * DAY ? 'soon' : 'later';
}

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export const formatInstant = (iso: string): string => `${dateTime.format(new Date(iso))} UTC`;
export const formatDay = (iso: string): string => dateOnly.format(new Date(iso));

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 2 });
export const formatUsd = (amount: number): string => usd.format(amount);
