import type { IsoDate } from './schemas/common';
import type { WindowSpec } from './schemas/window';

/**
 * Calendar arithmetic on UTC calendar days, `YYYY-MM-DD` at every boundary. Pure: no clock, no
 * time zone, no `Date` parsing (its two-digit-year and local-time quirks are avoided by working
 * on day numbers), so it runs unchanged inside the Temporal workflow sandbox.
 */

export const MS_PER_DAY = 86_400_000;
const MONTHS_PER_QUARTER = 3;

interface CivilDate {
  year: number;
  month: number; // 1-12
  day: number; // 1-31
}

function parse(date: IsoDate): CivilDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`not an ISO date YYYY-MM-DD: ${JSON.stringify(date)}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

function format({ year, month, day }: CivilDate): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

// Day number since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
function toDayNumber({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function fromDayNumber(dayNumber: number): CivilDate {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

// Months counted from year 0 so that month arithmetic never has to carry by hand.
function monthNumber(year: number, month: number): number {
  return year * 12 + (month - 1);
}

function fromMonthNumber(n: number, day: number): CivilDate {
  const year = Math.floor(n / 12);
  const month = n - year * 12 + 1;
  return { year, month, day: Math.min(day, daysInMonth(year, month)) };
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return format(fromDayNumber(toDayNumber(parse(date)) + days));
}

/**
 * Calendar months later (or earlier, for negative `months`), keeping the day of the month and
 * clamping it to the target month's last day: 2021-01-31 + 1 month = 2021-02-28.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parse(date);
  return format(fromMonthNumber(monthNumber(year, month) + months, day));
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(parse(to)) - toDayNumber(parse(from));
}

export function endOfMonth(date: IsoDate): IsoDate {
  const { year, month } = parse(date);
  return format({ year, month, day: daysInMonth(year, month) });
}

/** First day of the calendar month the date falls in, e.g. for grouping readings by month. */
export function startOfMonth(date: IsoDate): IsoDate {
  const { year, month } = parse(date);
  return format({ year, month, day: 1 });
}

export interface FiscalQuarter {
  /** Named by the calendar year in which the fiscal year ENDS: with start month 8, FY2021 is 2020-08-01..2021-07-31. */
  fiscalYear: number;
  quarter: 1 | 2 | 3 | 4;
  /** e.g. `FY2021 Q1` */
  label: string;
  startsOn: IsoDate;
  endsOn: IsoDate;
}

/**
 * The fiscal quarter a date falls in, for a fiscal year starting on the 1st of
 * `fiscalYearStartMonth` (1-12). The fiscal year is named by the calendar year in which it ends,
 * the usual vendor convention: with start month 8, 2020-08-01 opens FY2021 Q1 and 2021-07-31
 * closes FY2021 Q4; with start month 1 the fiscal year is the calendar year.
 */
export function fiscalQuarterOf(date: IsoDate, fiscalYearStartMonth: number): FiscalQuarter {
  if (!Number.isInteger(fiscalYearStartMonth) || fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
    throw new RangeError(`fiscal year start month must be 1-12, got ${fiscalYearStartMonth}`);
  }
  const { year, month } = parse(date);
  const monthsIntoFiscalYear = (month - fiscalYearStartMonth + 12) % 12;
  const quarter = (Math.floor(monthsIntoFiscalYear / MONTHS_PER_QUARTER) + 1) as FiscalQuarter['quarter'];
  const fiscalYear = fiscalYearStartMonth === 1 || month < fiscalYearStartMonth ? year : year + 1;
  const firstMonth = monthNumber(year, month) - (monthsIntoFiscalYear % MONTHS_PER_QUARTER);
  const lastMonth = fromMonthNumber(firstMonth + MONTHS_PER_QUARTER - 1, 31);
  return {
    fiscalYear,
    quarter,
    label: `FY${fiscalYear} Q${quarter}`,
    startsOn: format(fromMonthNumber(firstMonth, 1)),
    endsOn: format(lastMonth),
  };
}

export function nextFiscalQuarter(quarter: FiscalQuarter, fiscalYearStartMonth: number): FiscalQuarter {
  return fiscalQuarterOf(addDays(quarter.endsOn, 1), fiscalYearStartMonth);
}

/**
 * The last day (inclusive) of a deadline window. `anchorDate` is the date of the event the spec
 * names: the booking for `from` specs, the renewal for `before` specs.
 *
 * - `{ from: 'booking', days: 90 }`: booked 2021-01-15, last day 2021-04-15; 2021-04-16 is late.
 * - `{ from: 'booking', months: 12 }`: booked 2021-01-15, last day 2022-01-15.
 * - `{ from: 'endOfFiscalQuarterOfBooking', months: 12 }`: the window counts whole months from the
 *   quarter's last day, so it ends on the last day of a month: booked 2021-01-15 with start month
 *   8 (FY2021 Q2 ends 2021-01-31), last day 2022-01-31; a quarter ending 2023-02-28 gives 2024-02-29.
 * - `{ before: 'renewal', months: 3 }` / `{ before: 'renewal', days: 60 }`: a lead time; the last
 *   day to act is that long before the renewal date.
 */
export function windowLastDay(anchorDate: IsoDate, spec: WindowSpec, fiscalYearStartMonth: number): IsoDate {
  if ('before' in spec) {
    return 'days' in spec ? addDays(anchorDate, -spec.days) : addMonths(anchorDate, -spec.months);
  }
  if (spec.from === 'booking') {
    return 'days' in spec ? addDays(anchorDate, spec.days) : addMonths(anchorDate, spec.months);
  }
  const quarterEnd = fiscalQuarterOf(anchorDate, fiscalYearStartMonth).endsOn;
  return 'days' in spec ? addDays(quarterEnd, spec.days) : endOfMonth(addMonths(quarterEnd, spec.months));
}

/** Epoch milliseconds of 00:00Z on the day after `lastDay`: when a deadline timer fires. */
export function instantAfterLastDay(lastDay: IsoDate): number {
  return (toDayNumber(parse(lastDay)) + 1) * MS_PER_DAY;
}

/** The UTC calendar day an instant (epoch milliseconds) falls on. */
export function isoDateOfInstant(epochMs: number): IsoDate {
  return format(fromDayNumber(Math.floor(epochMs / MS_PER_DAY)));
}
