import { z } from 'zod';
import { addDays, addMonths, instantAfterLastDay } from '../domain/calendar';
import { UserAction } from '../domain/schemas/actions';
import { closestName } from '../domain/schemas/closest-name';
import { Name, type IsoDate } from '../domain/schemas/common';
import { fieldProblems } from '../domain/schemas/errors';
import { strictObject } from '../domain/schemas/strict';
import { ScorecardInput, TelemetryInput } from '../domain/schemas/health-reading';

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

export const HEALTH_OBSERVE = 'health.observe';

/** What a scripted step may carry besides its offset, per action: the API's payload, strictly. */
const STEP_SCHEMAS: Record<string, z.ZodType> = {
  ...Object.fromEntries(
    UserAction.options.map((option) => {
      const { type, ...fields } = option.shape;
      return [type.value, strictObject({ at: IsoDuration, action: z.literal(type.value), ...fields })];
    }),
  ),
  [HEALTH_OBSERVE]: strictObject({
    at: IsoDuration,
    action: z.literal(HEALTH_OBSERVE),
    actor: z.string().max(254).optional(),
    healthScore: z.number().min(1, 'must be on the 1-10 scale').max(10, 'must be on the 1-10 scale').optional(),
    utilisation: z.number().min(0, 'must be 0-1').max(1, 'must be 0-1').optional(),
    /** Raw inputs Baton scores itself, as `POST /deals/{dealId}/health` takes them. */
    scorecard: ScorecardInput.optional(),
    telemetry: TelemetryInput.optional(),
    source: Name.optional(),
  }),
};
const ACTIONS = Object.keys(STEP_SCHEMAS);

/**
 * One scripted step as a file gives it. The step is checked against its action's schema, so a
 * typo in a script fails loading with the field and the closest known name; in memory (tests,
 * the fuzzer) a step may carry anything, so that broken payloads reach the deal as a client's would.
 */
export const ScriptStep = z
  .object({
    at: IsoDuration,
    action: z.string().min(1, 'must name the action, e.g. successPlan.submit'),
    actor: z.string().optional(),
  })
  .catchall(z.unknown())
  .superRefine((step, ctx) => {
    const schema = STEP_SCHEMAS[step.action];
    if (!schema) {
      const suggestion = closestName(step.action, ACTIONS);
      ctx.addIssue({ code: 'custom', path: ['action'], message: `unknown action${suggestion ? `; did you mean ${suggestion}?` : ''} (one of ${ACTIONS.join(', ')})` });
      return;
    }
    const result = schema.safeParse(step);
    if (!result.success) for (const problem of fieldProblems(result.error)) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.rule });
  });
export type ScriptStep = z.infer<typeof ScriptStep>;

/** A script file: `{ horizon?, steps }`, or just the list of steps. */
export const Script = z.preprocess(
  (value) => (Array.isArray(value) ? { steps: value } : value),
  strictObject({ horizon: IsoDuration.optional(), steps: z.array(ScriptStep).max(1000, 'must have at most 1000 steps') }),
);
export type Script = z.infer<typeof Script>;

/** Simulations run 18 months after booking unless told otherwise: the longest incentive window. */
export const DEFAULT_HORIZON = 'P18M';
