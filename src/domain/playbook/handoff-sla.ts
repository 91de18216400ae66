import { businessDaysDueAt, DEFAULT_CALENDAR, type BusinessCalendar } from '../business-days';

/**
 * A handoff's SLA: whole days (`slaDays`), an exact ISO-8601 duration of days and time (`sla`,
 * e.g. `PT20S`, `P1DT12H`) for windows shorter than a day (drills, demos and fault tests), or
 * business days (`sla: { businessDays, calendar? }`) on the partner's calendar. No years, months
 * or weeks: their length depends on the calendar. Pure, so workflows use it.
 */

export const SLA_DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

const MS_PER_SECOND = 1000;

/** Milliseconds of an SLA duration; undefined when it is not one or is zero. */
export function slaDurationMs(duration: string): number | undefined {
  const match = SLA_DURATION.exec(duration);
  if (!match || duration.endsWith('T')) return undefined;
  const [days, hours, minutes, seconds] = match.slice(1).map((n) => Number(n ?? 0)) as [number, number, number, number];
  const ms = (((days * 24 + hours) * 60 + minutes) * 60 + seconds) * MS_PER_SECOND;
  return ms > 0 ? ms : undefined;
}

/** The SLA fields of a handoff template (schema.ts). */
interface SlaFields {
  slaDays?: number;
  sla?: string | { businessDays: number; calendar?: string };
}

/** When the receiving side must have accepted, and the calendar it was counted on (business days only). */
export interface HandoffDue {
  dueAt: number;
  calendar?: BusinessCalendar;
}

/**
 * The calendar a business-day SLA counts on: the one it names, else the partner's (the first of
 * `calendars`, as registration resolves them), else DOMAIN's default.
 */
function calendarOf(named: string | undefined, calendars: readonly BusinessCalendar[]): BusinessCalendar {
  if (named === undefined) return calendars[0] ?? DEFAULT_CALENDAR;
  const found = calendars.find((c) => c.id === named) ?? (named === DEFAULT_CALENDAR.id ? DEFAULT_CALENDAR : undefined);
  if (!found) throw new RangeError(`no calendar ${named} among ${calendars.map((c) => c.id).join(', ') || 'none'}`);
  return found;
}

/** When a handoff started at `startedAt` is due. */
export function handoffDue(template: SlaFields, startedAt: number, calendars: readonly BusinessCalendar[]): HandoffDue {
  const { sla } = template;
  if (typeof sla === 'object') {
    const calendar = calendarOf(sla.calendar, calendars);
    return { dueAt: businessDaysDueAt(calendar, startedAt, sla.businessDays), calendar };
  }
  if (sla !== undefined) {
    const ms = slaDurationMs(sla);
    if (ms === undefined) throw new RangeError(`not an SLA duration: ${sla}`);
    return { dueAt: startedAt + ms };
  }
  return { dueAt: startedAt + (template.slaDays ?? 0) * 24 * 60 * 60 * MS_PER_SECOND };
}

/** The SLA as people read it: `14 days`, `5 business days`, or the duration as written. */
export function describeHandoffSla(template: SlaFields): string {
  const { sla } = template;
  if (typeof sla === 'object') return `${sla.businessDays} business days${sla.calendar ? ` (calendar ${sla.calendar})` : ''}`;
  return sla ?? `${template.slaDays} days`;
}
