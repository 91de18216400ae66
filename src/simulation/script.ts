import { z } from 'zod';
import { addDays, addMonths, instantAfterLastDay } from '../domain/calendar';
import type { IsoDate } from '../domain/schemas/common';

/**
 * A simulation script: actions at ISO-8601 offsets from the booking (`P85D`, `P1Y2M`, `PT36H`),
 * each `{ at, action, actor, ...payload }` where `action` is a user action type (payload as in
 * the API) or `health.observe` (a health score or utilisation from outside, e.g. telemetry).
 */

const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

export const IsoDuration = z
  .string()
  .regex(DURATION, 'must be an ISO-8601 duration such as P85D, P1Y2M or PT12H')
  .refine((s) => s !== 'P' && !s.endsWith('T'), 'must name at least one amount, e.g. P85D');

/** The instant `duration` after 00:00Z of `bookedOn`: years and months on the calendar, then days and time. */
export function instantAfter(bookedOn: IsoDate, duration: string): number {
  const match = DURATION.exec(duration);
  if (!match) throw new RangeError(`not an ISO-8601 duration: ${duration}`);
  const [years, months, weeks, days, hours, minutes, seconds] = match.slice(1).map((n) => Number(n ?? 0)) as [number, number, number, number, number, number, number];
  const date = addDays(addMonths(bookedOn, years * 12 + months), weeks * 7 + days);
  const midnight = instantAfterLastDay(addDays(date, -1));
  return midnight + ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

export const ScriptStep = z
  .object({
    at: IsoDuration,
    action: z.string().min(1, 'must name the action, e.g. successPlan.submit'),
    actor: z.string().optional(),
  })
  .catchall(z.unknown());
export type ScriptStep = z.infer<typeof ScriptStep>;

export const Script = z.union([
  z.array(ScriptStep).transform((steps) => ({ steps, horizon: undefined })),
  z.object({ horizon: IsoDuration.optional(), steps: z.array(ScriptStep) }).strict(),
]);
export type Script = z.infer<typeof Script>;
export type ScriptInput = z.input<typeof Script>;

export const HEALTH_OBSERVE = 'health.observe';
/** Simulations run 18 months after booking unless told otherwise: the longest incentive window. */
export const DEFAULT_HORIZON = 'P18M';
