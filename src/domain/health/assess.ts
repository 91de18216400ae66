import { renewalRisk, type RenewalRisk } from './risk';
import type { HealthConfig, ScorecardAnswer, TelemetryMeasure } from './schema';
import { healthScore, type HealthScore } from './score';

/** Raw telemetry of a deal's subscription, as a telemetry feed or the CSM reports it. */
export interface Telemetry {
  licensedUsers?: number;
  activeUsers?: number;
  /** Share of users on the current version, 0-1. */
  currentVersionShare?: number;
  featuresActivated?: number;
  /** The value index's scores, summed and capped by the config. */
  valueIndex?: number[];
}

/** What a health observation brings: the CSM's scorecard answers (by field id) and telemetry. */
export interface HealthReading {
  scorecard?: Record<string, ScorecardAnswer>;
  telemetry?: Telemetry;
}

export interface HealthAssessment extends HealthScore {
  /** From licensed and active users; absent when the reading has neither. */
  renewalRisk?: RenewalRisk;
}

function measure(telemetry: Telemetry, from: TelemetryMeasure): number | number[] | undefined {
  switch (from) {
    case 'licence-ratio':
      if (telemetry.licensedUsers === undefined || telemetry.activeUsers === undefined) return undefined;
      return telemetry.licensedUsers > 0 ? telemetry.activeUsers / telemetry.licensedUsers : 0;
    case 'current-version-share':
      return telemetry.currentVersionShare;
    case 'features-activated':
      return telemetry.featuresActivated;
    case 'value-index':
      return telemetry.valueIndex;
  }
}

/**
 * A deal's health from raw inputs (DOMAIN section 6): each objective metric fed by the telemetry
 * its config names, each scorecard field by the CSM's answer, scored and mixed per the config,
 * with the renewal risk from licence use. Pure.
 */
export function assessHealth(config: HealthConfig, reading: HealthReading): HealthAssessment {
  const telemetry = reading.telemetry ?? {};
  const objective = Object.fromEntries(config.objective.map((m) => [m.id, m.from === undefined ? undefined : measure(telemetry, m.from)]));
  const score = healthScore(config, { objective, subjective: reading.scorecard ?? {} });
  const { licensedUsers, activeUsers } = telemetry;
  return {
    ...score,
    ...(licensedUsers !== undefined && activeUsers !== undefined ? { renewalRisk: renewalRisk(config.renewalRisk, licensedUsers, activeUsers) } : {}),
  };
}

/** Field ids of the reading's scorecard that the config does not know, for the caller to refuse. */
export function unknownScorecardFields(config: HealthConfig, reading: HealthReading): string[] {
  const known = new Set(config.subjective.fields.map((f) => f.id));
  return Object.keys(reading.scorecard ?? {}).filter((id) => !known.has(id));
}
