import { z } from 'zod';
import { Slug } from '../../domain/schemas/common';
import { ScorecardInput, TelemetryInput } from '../../domain/schemas/health-reading';
import { strictObject } from '../../domain/schemas/strict';

export { HealthReadingInput as HealthObserveBody } from '../../domain/schemas/health-reading';

export const HealthAssessmentView = z
  .object({
    dealId: z.string(),
    score: z.number().describe('on the config scale (1-10): 0.8 × objective + 0.2 × scorecard by default; scores to two decimals, as the timeline records them'),
    objective: z.number(),
    subjective: z.number(),
    parts: z.record(z.string(), z.number()).describe('the score of each metric and scorecard field, by id'),
    missing: z.array(z.string()).describe('inputs not given: scored at the bottom of the scale'),
    renewalRisk: z.object({ level: z.enum(['High', 'Medium', 'Low']), utilisation: z.number() }).optional().describe('from licensed and active users'),
  })
  .meta({ id: 'HealthAssessment' });
export type HealthAssessmentView = z.infer<typeof HealthAssessmentView>;

export const MAX_TELEMETRY_READINGS = 500;

/** `POST /telemetry`: many deals' telemetry at once (a feed), each optionally with the CSM's scorecard. */
export const TelemetryBatchBody = strictObject({
  readings: z
    .array(strictObject({ dealId: Slug, telemetry: TelemetryInput, scorecard: ScorecardInput.optional(), source: z.string().trim().min(1).max(120).optional() }))
    .min(1, 'needs at least one reading')
    .max(MAX_TELEMETRY_READINGS, `must have at most ${MAX_TELEMETRY_READINGS} readings`),
});

export const TelemetryBatchResponse = z
  .object({
    observed: z.array(HealthAssessmentView),
    refused: z.array(z.object({ dealId: z.string(), reason: z.string() })).describe('readings for deals that are not there or closed, or invalid against the scorecard fields; nothing was sent for them'),
  })
  .meta({ id: 'TelemetryBatch' });
