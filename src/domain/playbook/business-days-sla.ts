import { z } from 'zod';
import { Slug } from '../schemas/common';
import { strictObject } from '../schemas/strict';

/** An SLA in business days, counted on the partner's calendar unless it names one. */
export const BusinessDaysSla = strictObject({
  businessDays: z.number().int('must be a whole number of business days').positive('must be at least 1 business day').max(260, 'must be at most 260 business days'),
  /** A calendar of config/calendars/ by id; the partner's calendar when left out. */
  calendar: Slug.optional(),
});
export type BusinessDaysSla = z.infer<typeof BusinessDaysSla>;
