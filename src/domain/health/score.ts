import type { Band, HealthConfig, ObjectiveMetric, ScorecardAnswer } from './schema';

/**
 * Customer health score (DOMAIN section 6): objective metrics from telemetry and the CSM's
 * subjective scorecard, each scored on the config's scale and mixed by the config's split.
 * Missing inputs score the bottom of the scale (a health score should not look better for
 * lack of data) and are listed in `missing`.
 */

export interface HealthInputs {
  /** Banded metrics take a number (a ratio 0-1 or a count); capped sums take the index scores. */
  objective: Record<string, number | number[] | undefined>;
  subjective: Record<string, ScorecardAnswer | undefined>;
}

export interface HealthScore {
  score: number;
  objective: number;
  subjective: number;
  /** Score of each metric and scorecard field by id. */
  parts: Record<string, number>;
  missing: string[];
}

/** Score of the highest band the value reaches; the scale minimum below every band. */
export function bandScore(bands: readonly Band[], value: number, floor: number): number {
  // A band starting "above x" begins after one starting "at least x".
  const start = (b: Band): [number, number] => (b.above !== undefined ? [b.above, 1] : [b.atLeast ?? -Infinity, 0]);
  const later = (a: Band, b: Band): boolean => start(a)[0] > start(b)[0] || (start(a)[0] === start(b)[0] && start(a)[1] > start(b)[1]);
  const reached = bands.filter((b) => (b.above !== undefined ? value > b.above : value >= (b.atLeast ?? -Infinity)));
  const highest = reached.reduce<Band | undefined>((best, b) => (best === undefined || later(b, best) ? b : best), undefined);
  return highest?.score ?? floor;
}

function metricScore(metric: ObjectiveMetric, input: number | number[] | undefined, config: HealthConfig): number | undefined {
  if (input === undefined) return undefined;
  if (metric.kind === 'banded') return typeof input === 'number' ? bandScore(metric.bands, input, config.scale.min) : undefined;
  const values = typeof input === 'number' ? [input] : input;
  const sum = values.reduce((s, v) => s + v, 0);
  return Math.max(config.scale.min, Math.min(metric.max, sum));
}

const answerScore = (config: HealthConfig, answer: ScorecardAnswer): number =>
  ({ yes: config.subjective.answers.yes, 'in-progress': config.subjective.answers.inProgress, no: config.subjective.answers.no })[answer];

export function healthScore(config: HealthConfig, inputs: HealthInputs): HealthScore {
  const parts: Record<string, number> = {};
  const missing: string[] = [];

  let objective = 0;
  for (const metric of config.objective) {
    const scored = metricScore(metric, inputs.objective[metric.id], config);
    if (scored === undefined) missing.push(metric.id);
    parts[metric.id] = scored ?? config.scale.min;
    objective += metric.weight * parts[metric.id]!;
  }

  let subjectiveWeighted = 0;
  for (const field of config.subjective.fields) {
    const answer = inputs.subjective[field.id];
    if (answer === undefined) missing.push(field.id);
    parts[field.id] = answer === undefined ? config.scale.min : answerScore(config, answer);
    subjectiveWeighted += field.weight * parts[field.id]!;
  }
  // Field weights are shares of the whole score; dividing by their total puts the part on the scale.
  const subjective = config.split.subjective > 0 ? subjectiveWeighted / config.split.subjective : config.scale.min;

  return { score: config.split.objective * objective + config.split.subjective * subjective, objective, subjective, parts, missing };
}
