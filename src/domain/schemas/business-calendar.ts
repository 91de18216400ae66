import { z } from 'zod';
import { isTimeZone, WEEKDAYS, type BusinessCalendar as Calendar } from '../business-days';
import { IsoDate, LIMITS, List, Name, Slug } from './common';
import { strictObject } from './strict';

/**
 * A partner's business calendar, one file per calendar under config/calendars/ (`<id>.yaml`):
 * which weekdays are the weekend, which days are holidays, and the time zone in which its days
 * start. DOMAIN's default is Monday to Friday in UTC with no holidays.
 */
export const BusinessCalendar = strictObject({
  id: Slug,
  name: Name,
  timeZone: z.string().max(LIMITS.idChars).default('UTC').refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin or UTC'),
  weekend: List(z.enum(WEEKDAYS)).default(['saturday', 'sunday']).refine((days) => days.length < WEEKDAYS.length, 'must leave at least one business day in the week'),
  holidays: List(strictObject({ on: IsoDate, name: Name })).default([]),
}).superRefine((calendar, ctx) => {
  const seen = new Set<string>();
  calendar.holidays.forEach((holiday, i) => {
    if (seen.has(holiday.on)) ctx.addIssue({ code: 'custom', path: ['holidays', i, 'on'], message: `${holiday.on} is listed twice` });
    seen.add(holiday.on);
  });
});
/** The parsed file is the shape the pure functions of business-days.ts read. */
export type BusinessCalendar = Calendar;
