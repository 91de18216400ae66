import { addDays, daysBetween, instantAfterLastDay, MS_PER_DAY } from './calendar';
import type { IsoDate } from './schemas/common';

/**
 * Business days on a partner's calendar: its weekend, its holidays and its time zone. Pure: the
 * time zone's offsets come from the ECMAScript Intl API on instants given as input (no clock), so
 * it runs unchanged inside the Temporal workflow sandbox. The zod schema of a calendar file is
 * `schemas/business-calendar.ts`; this module only reads the parsed shape.
 */

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface BusinessCalendar {
  id: string;
  name: string;
  /** IANA time zone in which the partner's days start, e.g. `Europe/Berlin`. */
  timeZone: string;
  weekend: Weekday[];
  holidays: { on: IsoDate; name: string }[];
}

/** DOMAIN's default when a partner has no calendar: Monday to Friday, no holidays, days in UTC. */
export const DEFAULT_CALENDAR: BusinessCalendar = { id: 'default', name: 'Monday to Friday, UTC', timeZone: 'UTC', weekend: ['saturday', 'sunday'], holidays: [] };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether Intl knows the time zone (calendar files are checked with it). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterOf(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time in the zone at an instant, as if it were UTC: epoch ms. */
function wallClockMs(timeZone: string, instant: number): number {
  const parts = Object.fromEntries(formatterOf(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  const day = instantAfterLastDay(`${parts.year}-${parts.month}-${parts.day}`) - MS_PER_DAY;
  return day + ((Number(parts.hour) * 60 + Number(parts.minute)) * 60 + Number(parts.second)) * 1000 + (instant % 1000);
}

/** The calendar day an instant falls on in the calendar's time zone. */
export function localDateOf(calendar: BusinessCalendar, instant: number): IsoDate {
  const wall = wallClockMs(calendar.timeZone, instant);
  const dayStart = Math.floor(wall / MS_PER_DAY) * MS_PER_DAY;
  return addDays('1970-01-01', dayStart / MS_PER_DAY);
}

/** The instant a calendar day starts in the calendar's time zone (00:00 local). */
export function startOfLocalDay(calendar: BusinessCalendar, date: IsoDate): number {
  const utcMidnight = instantAfterLastDay(date) - MS_PER_DAY;
  // The zone's offset at that instant, corrected once more for a change of offset in between.
  let instant = utcMidnight - (wallClockMs(calendar.timeZone, utcMidnight) - utcMidnight);
  instant = utcMidnight - (wallClockMs(calendar.timeZone, instant) - instant);
  return instant;
}

/** 1970-01-01 was a Thursday. */
function weekdayOf(date: IsoDate): Weekday {
  return WEEKDAYS[(((daysBetween('1970-01-01', date) + 3) % 7) + 7) % 7]!;
}

/** Neither a weekend day nor a holiday of the calendar. */
export function isBusinessDay(calendar: BusinessCalendar, date: IsoDate): boolean {
  return !calendar.weekend.includes(weekdayOf(date)) && !calendar.holidays.some((h) => h.on === date);
}

/** The `count`-th business day after `date` (before it, for a negative count); `date` itself is not counted. */
export function addBusinessDays(calendar: BusinessCalendar, date: IsoDate, count: number): IsoDate {
  if (calendar.weekend.length >= WEEKDAYS.length) throw new RangeError(`calendar ${calendar.id} has no business days`);
  const step = count < 0 ? -1 : 1;
  let day = date;
  for (let left = Math.abs(count); left > 0; ) {
    day = addDays(day, step);
    if (isBusinessDay(calendar, day)) left -= 1;
  }
  return day;
}

/**
 * When `businessDays` business days from `startedAt` run out: the start of the local day after the
 * last of them. The day something starts on is not counted, business day or not: a 5-business-day
 * SLA started on a Friday before a Monday holiday runs Tuesday to the next Monday.
 */
export function businessDaysDueAt(calendar: BusinessCalendar, startedAt: number, businessDays: number): number {
  const lastDay = addBusinessDays(calendar, localDateOf(calendar, startedAt), businessDays);
  return startOfLocalDay(calendar, addDays(lastDay, 1));
}

/** The instant itself on a business day, else the start of the next business day. */
export function onBusinessDay(calendar: BusinessCalendar, instant: number): number {
  const date = localDateOf(calendar, instant);
  return isBusinessDay(calendar, date) ? instant : startOfLocalDay(calendar, addBusinessDays(calendar, date, 1));
}

/** The start of the business day `businessDays` business days before the day `dueAt` falls on. */
export function businessDaysBefore(calendar: BusinessCalendar, dueAt: number, businessDays: number): number {
  return startOfLocalDay(calendar, addBusinessDays(calendar, localDateOf(calendar, dueAt), -businessDays));
}
