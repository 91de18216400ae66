import { beforeAll, describe, expect, it } from 'vitest';
import { defaultHealthConfig } from '../../../src/config/health-files';
import { HealthConfig } from '../../../src/domain/health/schema';
import { bandScore, healthScore, type HealthInputs } from '../../../src/domain/health/score';
import { renewalRisk } from '../../../src/domain/health/risk';
import { formatZodError } from '../../../src/domain/schemas/errors';

let config: HealthConfig;
beforeAll(async () => {
  config = await defaultHealthConfig();
});
const metric = (id: string) => config.objective.find((m) => m.id === id)!;
const bands = (id: string) => {
  const m = metric(id);
  if (m.kind !== 'banded') throw new Error(`${id} is not banded`);
  return m.bands;
};

describe('renewal risk (DOMAIN section 6 examples)', () => {
  it.each([
    [85, 0, 'High'],
    [85, 72, 'Low'],
    [3000, 1087, 'Medium'],
    [3000, 2954, 'Low'],
  ] as const)('%i licensed / %i active is %s', (licensed, active, level) => {
    expect(renewalRisk(config.renewalRisk, licensed, active).level).toBe(level);
  });

  it('switches exactly at the 20% and 80% thresholds', () => {
    expect(renewalRisk(config.renewalRisk, 100, 19).level).toBe('High');
    expect(renewalRisk(config.renewalRisk, 100, 20).level).toBe('Medium');
    expect(renewalRisk(config.renewalRisk, 100, 79).level).toBe('Medium');
    expect(renewalRisk(config.renewalRisk, 100, 80).level).toBe('Low');
  });

  it('treats nothing licensed as nothing in use', () => {
    expect(renewalRisk(config.renewalRisk, 0, 0)).toEqual({ level: 'High', utilisation: 0 });
  });
});

describe('objective bands', () => {
  it('licence ratio: none 1, >0-40% 3, 40-89% 7, >=90% 10', () => {
    expect([0, 0.01, 0.399, 0.4, 0.89, 0.9, 1].map((v) => bandScore(bands('licence-ratio'), v, 1))).toEqual([1, 3, 3, 7, 7, 10, 10]);
  });

  it('version compliance: <50% 1, >50% 10', () => {
    expect([0, 0.49, 0.5, 0.51].map((v) => bandScore(bands('version-compliance'), v, 1))).toEqual([1, 1, 1, 10]);
  });

  it('feature activation: 0-1 1, 2-3 4, 4-5 6, 6 8, >=7 10', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 12].map((v) => bandScore(bands('feature-activation'), v, 1))).toEqual([1, 1, 4, 4, 6, 6, 8, 10, 10]);
  });

  it('a value below every band scores the floor', () => {
    expect(bandScore(bands('feature-activation'), -1, 1)).toBe(1);
  });
});

const allYes = (): HealthInputs['subjective'] => Object.fromEntries(config.subjective.fields.map((f) => [f.id, 'yes']));

describe('health score', () => {
  it('is 10 when everything is at its best and 1 at its worst', () => {
    const best = healthScore(config, { objective: { 'licence-ratio': 0.95, 'version-compliance': 0.9, 'feature-activation': 8, 'value-index': [6, 6] }, subjective: allYes() });
    expect(best.score).toBeCloseTo(10);
    const worst = healthScore(config, {
      objective: { 'licence-ratio': 0, 'version-compliance': 0, 'feature-activation': 0, 'value-index': [] },
      subjective: Object.fromEntries(config.subjective.fields.map((f) => [f.id, 'no'])),
    });
    expect(worst.score).toBeCloseTo(1);
    expect(worst.missing).toEqual([]);
  });

  it('mixes objective 80% and subjective 20% with the DOMAIN weights', () => {
    const subjective = { ...allYes(), 'kpi-measured': 'in-progress', 'prior-product-removed': 'no' } as const;
    const result = healthScore(config, { objective: { 'licence-ratio': 0.5, 'version-compliance': 0.3, 'feature-activation': 4, 'value-index': [2, 3] }, subjective });
    // objective: 0.25*7 + 0.2*1 + 0.35*6 + 0.2*5 = 5.05; subjective: (8*10 + 5 + 1) / 10 = 8.6
    expect(result.objective).toBeCloseTo(5.05);
    expect(result.subjective).toBeCloseTo(8.6);
    expect(result.score).toBeCloseTo(0.8 * 5.05 + 0.2 * 8.6);
    expect(result.parts['kpi-measured']).toBe(5);
  });

  it('scores missing inputs at the bottom of the scale and names them', () => {
    const result = healthScore(config, { objective: { 'licence-ratio': 1 }, subjective: {} });
    expect(result.missing).toEqual(['version-compliance', 'feature-activation', 'value-index', ...config.subjective.fields.map((f) => f.id)]);
    expect(result.score).toBeCloseTo(0.8 * (0.25 * 10 + 0.75 * 1) + 0.2 * 1);
  });

  it('caps the value index at its maximum', () => {
    expect(healthScore(config, { objective: { 'value-index': [9, 9] }, subjective: {} }).parts['value-index']).toBe(10);
  });
});

describe('health configuration', () => {
  it('refuses weights that do not add up, naming where', () => {
    const broken = { ...config, split: { objective: 0.7, subjective: 0.2 }, objective: config.objective.map((m) => ({ ...m, weight: 0.2 })) };
    const result = HealthConfig.safeParse(broken);
    expect(result.success).toBe(false);
    expect(formatZodError(result.error!).split('\n')).toEqual([
      'split: objective and subjective must sum to 1',
      'objective: metric weights must sum to 1 (they sum to 0.8)',
    ]);
  });
});
