import { z } from 'zod';
import { strictObject } from './strict';

const count = (unit: string) => z.number().int(`${unit} must be a whole number`).nonnegative(`${unit} must be zero or more`);

/** Events a deadline window is measured from. */
export const WindowAnchorFrom = z.enum(['booking', 'endOfFiscalQuarterOfBooking']);
export type WindowAnchorFrom = z.infer<typeof WindowAnchorFrom>;

/**
 * A deadline window as data: a length in days or months either after an anchor (the booking, or
 * the end of the fiscal quarter of the booking) or before the renewal (a lead time). The window's
 * last day is inclusive; see `windowLastDay` in the calendar.
 */
export const WindowSpec = z.union(
  [
    strictObject({ from: WindowAnchorFrom, days: count('days') }),
    strictObject({ from: WindowAnchorFrom, months: count('months') }),
    strictObject({ before: z.literal('renewal'), days: count('days') }),
    strictObject({ before: z.literal('renewal'), months: count('months') }),
  ],
  {
    error:
      'must be { from: booking | endOfFiscalQuarterOfBooking, days | months: N } or { before: renewal, days | months: N }',
  },
);
export type WindowSpec = z.infer<typeof WindowSpec>;
