import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { ScriptStep } from '../../src/simulation/script';
import { onboardedScript } from './fixtures/journeys';
import { journeyEnvironment, ofType, walk } from './journey-support';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await journeyEnvironment();
});
afterAll(async () => {
  await env?.teardown();
});

const FIELDS = [
  'stakeholders-identified',
  'business-objective',
  'key-features-aligned',
  'persona-use-cases-aligned',
  'objective-kpis',
  'kpi-measured',
  'kpis-reported-to-exec',
  'adoption-barriers-resolved',
  'embedded-capabilities',
  'prior-product-removed',
];
const scorecard = (answers: ('yes' | 'in-progress' | 'no')[]) => Object.fromEntries(FIELDS.map((id, i) => [id, answers[i % answers.length]!]));
const reading = (at: string, telemetry: Record<string, unknown>, answers: ('yes' | 'in-progress' | 'no')[]): ScriptStep => ({ at, action: 'health.observe', telemetry, scorecard: scorecard(answers), source: 'telemetry' });

/**
 * DOMAIN 6's four licence-use examples, each with the rest of the collaboration-suite telemetry
 * and a scorecard, observed in turn on one deal in Use (score = 0.8 x objective + 0.2 x scorecard):
 *
 * | reading | licensed / active | licence ratio | version | features | value index | scorecard | objective | score | risk |
 * |---|---|---|---|---|---|---|---|---|---|
 * | A | 3,000 / 2,954 (98%) | 10 | 90% → 10 | 7 → 10 | 4+4 → 8 | all yes → 10 | 9.6 | 9.68 | Low |
 * | B | 85 / 72 (85%) | 7 | 60% → 10 | 4 → 6 | 3+2 → 5 | yes / in progress → 7.5 | 6.85 | 6.98 | Low |
 * | C | 3,000 / 1,087 (36%) | 3 | 50% → 1 | 2 → 4 | 1 → 1 | all no → 1 | 2.55 | 2.24 | Medium |
 * | D | 85 / 0 (0%) | 1 | 20% → 1 | 0 → 1 | none → 1 | all in progress → 5 | 1 | 1.8 | High |
 *
 * C is below the CSM → CSS trigger (score under 5, under half the licences active): that handoff
 * starts. D is High risk: the early renewal review (cs-to-renewals) starts; CSM → CSS is already running.
 */
const READINGS: ScriptStep[] = [
  reading('P40D', { licensedUsers: 3000, activeUsers: 2954, currentVersionShare: 0.9, featuresActivated: 7, valueIndex: [4, 4] }, ['yes']),
  reading('P41D', { licensedUsers: 85, activeUsers: 72, currentVersionShare: 0.6, featuresActivated: 4, valueIndex: [3, 2] }, ['yes', 'in-progress']),
  reading('P42D', { licensedUsers: 3000, activeUsers: 1087, currentVersionShare: 0.5, featuresActivated: 2, valueIndex: [1] }, ['no']),
  reading('P43D', { licensedUsers: 85, activeUsers: 0, currentVersionShare: 0.2, featuresActivated: 0, valueIndex: [] }, ['in-progress']),
];

describe('health computed from scorecards and telemetry, through the live workflow', () => {
  it("scores DOMAIN 6's examples, records risk, breakdown and trend, and fires the playbook's triggers from the computed values", async () => {
    const result = await walk(env, 'health-readings', [...onboardedScript(), ...READINGS], { horizon: 'P44D' });
    expect(result.steps.filter((s) => s.action === 'health.observe').map((s) => s.outcome)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    const observed = ofType(result.view.timeline, 'health.observed');
    expect(observed.map((e) => [e.at.slice(0, 10), e.healthScore, e.renewalRisk, e.trend])).toEqual([
      ['2021-02-24', 9.68, 'Low', undefined],
      ['2021-02-25', 6.98, 'Low', -2.7],
      ['2021-02-26', 2.24, 'Medium', -4.74],
      ['2021-02-27', 1.8, 'High', -0.44],
    ]);
    expect(observed[0]!.breakdown).toMatchObject({ objective: 9.6, subjective: 10, parts: { 'licence-ratio': 10, 'value-index': 8, 'stakeholders-identified': 10 }, missing: [] });
    expect(observed[2]!.utilisation).toBe(0.36);
    const started = ofType(result.view.timeline, 'handoff.started').filter((e) => e.templateId !== 'sales-to-cs');
    expect(started.map((e) => [e.at.slice(0, 10), e.templateId])).toEqual([
      ['2021-02-26', 'csm-to-css'],
      ['2021-02-27', 'cs-to-renewals'],
    ]);
    expect(result.view.openHandoffs.map((h) => h.templateId).sort()).toEqual(['cs-to-renewals', 'csm-to-css']);
  });

  it('refuses a reading with an unknown scorecard field, naming the closest one, and changes nothing', async () => {
    const bad: ScriptStep = { at: 'P40D', action: 'health.observe', scorecard: { 'stakeholder-identified': 'yes' }, source: 'csm' };
    const result = await walk(env, 'health-typo', [...onboardedScript(), bad], { horizon: 'P41D' });
    expect(result.steps.at(-1)).toMatchObject({ outcome: 'invalid', reason: expect.stringContaining('did you mean stakeholders-identified?') });
    expect(ofType(result.view.timeline, 'health.observed')).toEqual([]);
  });
});
