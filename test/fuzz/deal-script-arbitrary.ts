import fc from 'fast-check';
import type { ScriptStep } from '../../src/simulation/script';
import { HEALTH_OBSERVE } from '../../src/simulation/script';
import { intersightEvidence, lowUsageEvidence, onboardedScript, outcomesReport, people, successPlan } from '../workflows/fixtures/journeys';

/**
 * Event scripts for the fixture deal: user actions of every type (and health observations) at
 * random offsets within 120 days of booking, by members of the deal team or outsiders, with
 * payloads that are right, slightly wrong (unknown ids) or broken (fields missing or mistyped).
 */

const actors = Object.values(people);
const templates = ['sales-to-cs', 'csm-to-css', 'cs-to-renewals', 'no-such-handoff'];
const steps = ['need', 'purchase', 'implement', 'onboard', 'use', 'engage', 'adopt', 'optimize', 'renew', 'recommend', 'advocate', 'expand', 'no-such-step'];
const items = ['gather-contract', 'gather-stakeholders', 'gather-expectations', 'notify-cs', 'review-goals', 'review-cs-roles', 'introduce-csm', 'review-kpis', 'analyse-barriers', 'plan-renewal', 'no-such-item'];
const artifacts = ['contract-data', 'initial-success-plan', 'stakeholder-contacts', 'business-outcomes', 'adoption-report', 'health-summary', 'no-such-artifact'];
const deadlines = ['handoff-sales-to-cs-1', 'handoff-csm-to-css-1', 'adopt-success-plan', 'use', 'adopt', 'expand', 'no-such-deadline'];
const roles = ['AM', 'ARCH', 'ENG', 'DEL', 'PM', 'CSM', 'CSS', 'RM', 'LEAD', 'EXEC'];

const reason = fc.oneof(fc.constantFrom('Customer legal review', 'Waiting for the contract data'), fc.string({ maxLength: 12 }));
const isoDate = fc.date({ min: new Date('2021-01-01T00:00:00Z'), max: new Date('2022-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const handoff = fc.constantFrom(...templates);

const payloads: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  'step.complete': fc.record({ step: fc.constantFrom(...steps) }),
  'handoff.tick': fc.record({ templateId: handoff, itemId: fc.constantFrom(...items) }),
  'handoff.attach': fc.record({ templateId: handoff, artifactId: fc.constantFrom(...artifacts), reference: fc.constantFrom('crm://acme/doc', '') }),
  'handoff.accept': fc.record({ templateId: handoff }),
  'handoff.return': fc.record({ templateId: handoff, reason }),
  'successPlan.submit': fc.record({ plan: fc.constant(successPlan) }),
  'successPlan.revise': fc.record({ plan: fc.constant(successPlan) }),
  'outcomes.record': fc.record({ reportId: fc.constantFrom('outcomes-1', 'outcomes-2'), report: fc.constantFrom(outcomesReport, { ...outcomesReport, confirmation: undefined }) }),
  'usage.record': fc.record({
    evidence: fc.oneof(
      fc.constant(intersightEvidence),
      fc.constant(lowUsageEvidence),
      fc.record({ id: fc.constantFrom('reading-a', 'reading-b'), useCase: fc.constantFrom('intersight', 'collaboration'), observedOn: isoDate, source: fc.constantFrom('pop', 'telemetry'), metrics: fc.dictionary(fc.constantFrom('licensedUsers', 'activeUsers', 'licensedServers', 'claimedServers'), fc.nat(200)) }),
    ),
  }),
  'expansion.book': fc.record({ orderRef: fc.constantFrom('SO-1', 'SO-2'), bookedOn: isoDate, lineItems: fc.constantFrom([{ sku: 'DC-INTERSIGHT-ADV', quantity: 50, netValueUsd: 200000 }], []) }),
  'owner.reassign': fc.record({ role: fc.constantFrom(...roles), from: fc.constantFrom(...actors), to: fc.constantFrom({ id: people.newCsm, name: 'Nora Kim' }, { id: people.css, name: 'Sam Ito' }) }),
  'deadline.extend': fc.oneof(
    fc.record({ deadlineId: fc.constantFrom(...deadlines), days: fc.integer({ min: -1, max: 30 }), reason }),
    fc.record({ deadlineId: fc.constantFrom(...deadlines), until: isoDate, reason }),
  ),
  'deadline.pause': fc.record({ deadlineId: fc.constantFrom(...deadlines), reason }),
  'deadline.resume': fc.record({ deadlineId: fc.constantFrom(...deadlines), reason }),
  [HEALTH_OBSERVE]: fc.oneof(fc.record({ healthScore: fc.integer({ min: 1, max: 10 }) }), fc.record({ utilisation: fc.double({ min: 0, max: 1, noNaN: true }) })),
};

/** Breaks a payload the way clients do: a field left out, or a value of the wrong type. */
function broken(payload: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(payload);
  if (keys.length === 0) return fc.constant(payload);
  return fc.tuple(fc.constantFrom(...keys), fc.boolean()).map(([key, drop]) => {
    const copy = { ...payload };
    if (drop) delete copy[key];
    else copy[key] = 42;
    return copy;
  });
}

const scriptStep: fc.Arbitrary<ScriptStep> = fc
  .tuple(fc.constantFrom(...Object.keys(payloads)), fc.constantFrom(...actors), fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 23 }))
  .chain(([action, actor, day, hour]) =>
    payloads[action]!.chain((payload) => fc.oneof({ weight: 4, arbitrary: fc.constant(payload) }, { weight: 1, arbitrary: broken(payload) })).map((payload) => ({
      at: `P${day}DT${hour}H`,
      action,
      actor,
      ...payload,
    })),
  );

/** Random steps, half the time after an on-time onboarding, so that later stages are reached too. */
export const dealScript: fc.Arbitrary<ScriptStep[]> = fc
  .tuple(fc.boolean(), fc.array(scriptStep, { minLength: 1, maxLength: 30 }))
  .map(([onboarded, random]) => [...(onboarded ? onboardedScript() : []), ...random]);
