import { z } from 'zod';
import { strictObject } from '../schemas/strict';

/** How a health score and renewal risk are computed (DOMAIN section 6); shipped default: config/health.yaml. */

const Key = z.string().regex(/^[a-z][a-z0-9-]*$/, 'must be lower-case letters, digits or "-", starting with a letter');
const Weight = z.number().gt(0, 'must be above 0').max(1, 'must be at most 1');
const SUM_TOLERANCE = 1e-9;

/** A band starts at `atLeast` (inclusive) or `above` (exclusive); the highest band reached scores. */
export const Band = strictObject({ atLeast: z.number().optional(), above: z.number().optional(), score: z.number() })
  .refine((b) => (b.atLeast === undefined) !== (b.above === undefined), { message: 'must set exactly one of atLeast or above' });
export type Band = z.infer<typeof Band>;

/** The telemetry a metric is read from, when a health observation brings raw telemetry (see health/assess.ts). */
export const TELEMETRY_MEASURES = ['licence-ratio', 'current-version-share', 'features-activated', 'value-index'] as const;
export type TelemetryMeasure = (typeof TELEMETRY_MEASURES)[number];
const From = z.enum(TELEMETRY_MEASURES, { message: `must be one of ${TELEMETRY_MEASURES.join(', ')}` }).optional();

export const ObjectiveMetric = z.discriminatedUnion('kind', [
  strictObject({ id: Key, name: z.string().min(1), weight: Weight, kind: z.literal('banded'), from: From, bands: z.array(Band).min(1, 'needs at least one band') }),
  /** Sum of index scores, capped (the value index). */
  strictObject({ id: Key, name: z.string().min(1), weight: Weight, kind: z.literal('capped-sum'), from: From, max: z.number().positive('must be above 0') }),
]);
export type ObjectiveMetric = z.infer<typeof ObjectiveMetric>;

export const ScorecardField = strictObject({ id: Key, name: z.string().min(1), weight: Weight });

export const HealthConfig = strictObject({
  scale: strictObject({ min: z.number(), max: z.number() }).refine((s) => s.min < s.max, { message: 'min must be below max' }),
  /** Shares of the objective (telemetry) and subjective (CSM scorecard) parts; they sum to 1. */
  split: strictObject({ objective: z.number().min(0).max(1), subjective: z.number().min(0).max(1) }),
  /** Weights are shares of the objective part and sum to 1. */
  objective: z.array(ObjectiveMetric).min(1, 'needs at least one metric'),
  /** Weights are shares of the whole score and sum to split.subjective (DOMAIN: 10 fields at 2%). */
  subjective: strictObject({
    answers: strictObject({ yes: z.number(), inProgress: z.number(), no: z.number() }),
    fields: z.array(ScorecardField).min(1, 'needs at least one field'),
  }),
  /** Utilisation (active / licensed) below `highBelow` is High risk, below `mediumBelow` Medium, else Low. */
  renewalRisk: strictObject({ highBelow: z.number().min(0).max(1), mediumBelow: z.number().min(0).max(1) }),
}).superRefine((c, ctx) => {
  const near = (a: number, b: number): boolean => Math.abs(a - b) < SUM_TOLERANCE;
  if (!near(c.split.objective + c.split.subjective, 1)) ctx.addIssue({ code: 'custom', path: ['split'], message: 'objective and subjective must sum to 1' });
  const objectiveSum = c.objective.reduce((s, m) => s + m.weight, 0);
  if (!near(objectiveSum, 1)) ctx.addIssue({ code: 'custom', path: ['objective'], message: `metric weights must sum to 1 (they sum to ${objectiveSum})` });
  const subjectiveSum = c.subjective.fields.reduce((s, f) => s + f.weight, 0);
  if (!near(subjectiveSum, c.split.subjective)) {
    ctx.addIssue({ code: 'custom', path: ['subjective', 'fields'], message: `field weights must sum to split.subjective ${c.split.subjective} (they sum to ${subjectiveSum})` });
  }
  if (c.renewalRisk.highBelow > c.renewalRisk.mediumBelow) ctx.addIssue({ code: 'custom', path: ['renewalRisk', 'highBelow'], message: 'must not exceed mediumBelow' });
});
export type HealthConfig = z.infer<typeof HealthConfig>;

export type ScorecardAnswer = 'yes' | 'in-progress' | 'no';
