import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { assessHealth, unknownScorecardFields, type HealthAssessment } from '../domain/health/assess';
import type { HealthConfig } from '../domain/health/schema';
import { closestName } from '../domain/schemas/closest-name';
import { HealthReadingInput } from '../domain/schemas/health-reading';
import { formatZodError } from '../domain/schemas/errors';
import { dealWorkflowId, healthObserveSignal, type HealthObservation } from '../../workflows/deal-messages';
import { DealNotFoundError, InvalidInputError } from './deal-client';

/** What `health.observe` answers: the computed score with its breakdown and the renewal risk. */
export interface HealthObserved {
  dealId: string;
  assessment: HealthAssessment;
}

/** The reading, validated strictly and against the config's scorecard fields. */
export function parseHealthReading(config: HealthConfig, input: unknown, what = 'health reading'): HealthReadingInput {
  const result = HealthReadingInput.safeParse(input);
  if (!result.success) throw new InvalidInputError(what, formatZodError(result.error));
  const known = config.subjective.fields.map((f) => f.id);
  const unknown = unknownScorecardFields(config, result.data);
  if (unknown.length > 0) {
    const lines = unknown.map((id) => {
      const near = closestName(id, known);
      return `scorecard.${id}: not a scorecard field${near ? `; did you mean ${near}?` : ''} (fields: ${known.join(', ')})`;
    });
    throw new InvalidInputError(what, lines.join('\n'));
  }
  return result.data;
}

/** The signal a reading becomes: the numbers the deal's triggers compare, and what they came from. */
/** Scores and shares to two decimals, as the timeline records and the API answers them. */
export const round2 = (n: number): number => Math.round(n * 100) / 100;

export function observationOf(assessment: HealthAssessment, reading: HealthReadingInput): HealthObservation {
  const round = round2;
  return {
    healthScore: round(assessment.score),
    ...(assessment.renewalRisk ? { utilisation: round(assessment.renewalRisk.utilisation), renewalRisk: assessment.renewalRisk.level } : {}),
    breakdown: { objective: round(assessment.objective), subjective: round(assessment.subjective), parts: assessment.parts, missing: assessment.missing },
    source: reading.source ?? (reading.telemetry ? 'telemetry' : 'csm-scorecard'),
  };
}

/**
 * `health.observe`: Baton scores the raw reading per config/health.yaml and signals the deal,
 * whose playbook triggers then compare the computed score and risk (CSM -> CSS below its
 * threshold, an early renewal review on High risk). A deal that is gone or closed is refused
 * before anything is sent.
 */
export async function observeHealth(client: Client, config: HealthConfig, ref: { partnerId: string; dealId: string }, input: unknown): Promise<HealthObserved> {
  const reading = parseHealthReading(config, input);
  const assessment = assessHealth(config, reading);
  const handle = client.workflow.getHandle(dealWorkflowId(ref.partnerId, ref.dealId));
  try {
    const { status } = await handle.describe();
    if (status.name !== 'RUNNING') throw new DealNotFoundError(`deal ${ref.dealId} is ${status.name.toLowerCase()}: it takes no more health observations`);
    await handle.signal(healthObserveSignal, observationOf(assessment, reading));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new DealNotFoundError(`no deal ${ref.dealId} for partner ${ref.partnerId}`);
    throw err;
  }
  return { dealId: ref.dealId, assessment };
}
