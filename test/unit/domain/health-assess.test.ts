import { beforeAll, describe, expect, it } from 'vitest';
import { defaultHealthConfig } from '../../../src/config/health-files';
import { assessHealth, unknownScorecardFields } from '../../../src/domain/health/assess';
import type { HealthConfig } from '../../../src/domain/health/schema';

let config: HealthConfig;
beforeAll(async () => {
  config = await defaultHealthConfig();
});

const everyField = (answer: 'yes' | 'in-progress' | 'no') => Object.fromEntries(config.subjective.fields.map((f) => [f.id, answer]));

describe('health from raw readings (DOMAIN section 6)', () => {
  it.each([
    [85, 0, 1, 'High'],
    [85, 72, 7, 'Low'],
    [3000, 1087, 3, 'Medium'],
    [3000, 2954, 10, 'Low'],
  ] as const)('%i licensed / %i active: licence ratio scores %i, renewal risk %s', (licensedUsers, activeUsers, ratioScore, level) => {
    const assessed = assessHealth(config, { telemetry: { licensedUsers, activeUsers } });
    expect(assessed.parts['licence-ratio']).toBe(ratioScore);
    expect(assessed.renewalRisk?.level).toBe(level);
  });

  it.each([
    ['yes', 10],
    ['in-progress', 5],
    ['no', 1],
  ] as const)('a scorecard answered %s everywhere scores %i', (answer, score) => {
    expect(assessHealth(config, { scorecard: everyField(answer) }).subjective).toBeCloseTo(score, 10);
  });

  it('feeds each metric from the telemetry its config names and mixes 80/20', () => {
    const assessed = assessHealth(config, {
      telemetry: { licensedUsers: 100, activeUsers: 95, currentVersionShare: 0.51, featuresActivated: 6, valueIndex: [6, 7] },
      scorecard: everyField('yes'),
    });
    expect(assessed.parts).toMatchObject({ 'licence-ratio': 10, 'version-compliance': 10, 'feature-activation': 8, 'value-index': 10 });
    // 0.25 x 10 + 0.2 x 10 + 0.35 x 8 + 0.2 x 10 = 9.3; 0.8 x 9.3 + 0.2 x 10 = 9.44.
    expect(assessed.score).toBeCloseTo(9.44, 10);
    expect(assessed.missing).toEqual([]);
  });

  it('scores what is missing at the bottom of the scale and says so; no users, no renewal risk', () => {
    const assessed = assessHealth(config, { telemetry: { featuresActivated: 7 } });
    expect(assessed.missing).toContain('licence-ratio');
    expect(assessed.missing).toContain('stakeholders-identified');
    expect(assessed.renewalRisk).toBeUndefined();
  });

  it('names scorecard fields the config does not know', () => {
    expect(unknownScorecardFields(config, { scorecard: { 'kpi-measure': 'yes', 'kpi-measured': 'no' } })).toEqual(['kpi-measure']);
  });
});
