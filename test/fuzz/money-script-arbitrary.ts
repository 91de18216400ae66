import fc from 'fast-check';
import { addDays } from '../../src/domain/calendar';
import type { ScriptStep } from '../../src/simulation/script';
import { deal, people, successPlan } from '../workflows/fixtures/journeys';

/**
 * Scripts of the actions that can earn money on the fixture deal, by the people allowed to take
 * them: success plans, outcomes reports, usage evidence and expansion bookings, at any day within
 * 600 days of booking (so windows close between them), in any order, with the dates they claim
 * back-dated (before the booking too) or forward-dated from the day they are sent, under a few
 * identities so that facts collide, and resent unchanged later.
 */

export const LAST_DAY = 600;

interface Draft {
  day: number;
  hour: number;
  action: string;
  actor: string;
  /** The payload, given the date it claims. */
  payload: (claimedOn: string) => Record<string, unknown>;
  /** Days from the day it is sent to the date it claims: negative is back-dated, positive forward. */
  claimedShift: number;
}

const report = (claimedOn: string, signed: boolean) => ({
  results: [{ kpi: 'Servers claimed in Intersight', initialState: '0%', achievedState: '85%', measuredOn: claimedOn }],
  confirmation: signed
    ? { kind: 'signature', signedBy: 'Jo Park', signedOn: claimedOn }
    : { kind: 'email', from: 'jo.park@acme.example', messageId: `<${claimedOn}@acme.example>`, receivedOn: claimedOn },
});

const usageMetrics = fc.oneof(
  fc.record({ licensedServers: fc.constant(100), claimedServers: fc.integer({ min: 0, max: 100 }) }).map((metrics) => ({ useCase: 'intersight', metrics })),
  fc.record({ leafSwitchesInProduction: fc.integer({ min: 0, max: 4 }), assuranceInsightsInProduction: fc.integer({ min: 0, max: 1 }), additionalAssuranceUseCases: fc.integer({ min: 0, max: 3 }) }).map((metrics) => ({ useCase: 'aci-day2-ops', metrics })),
);

const action: fc.Arbitrary<Pick<Draft, 'action' | 'actor' | 'payload'>> = fc.oneof(
  fc.constant({ action: 'successPlan.submit', actor: people.csm, payload: () => ({ plan: successPlan }) }),
  fc.constant({ action: 'successPlan.revise', actor: people.csm, payload: () => ({ plan: successPlan }) }),
  fc.record({ reportId: fc.constantFrom('outcomes-1', 'outcomes-2'), signed: fc.boolean() }).map(({ reportId, signed }) => ({
    action: 'outcomes.record',
    actor: people.csm,
    payload: (claimedOn: string) => ({ reportId, report: report(claimedOn, signed) }),
  })),
  fc.record({ id: fc.constantFrom('reading-1', 'reading-2', 'reading-3'), usage: usageMetrics, source: fc.constantFrom('pop', 'telemetry') }).map(({ id, usage, source }) => ({
    action: 'usage.record',
    actor: people.css,
    payload: (observedOn: string) => ({ evidence: { id, ...usage, observedOn, source } }),
  })),
  fc.record({ orderRef: fc.constantFrom('SO-1', 'SO-2', 'SO-3'), netValueUsd: fc.constantFrom(40_000, 200_000) }).map(({ orderRef, netValueUsd }) => ({
    action: 'expansion.book',
    actor: people.am,
    payload: (bookedOn: string) => ({ orderRef, bookedOn, lineItems: [{ sku: 'DC-INTERSIGHT-ADV', quantity: 50, netValueUsd }] }),
  })),
);

const day = fc.oneof({ weight: 2, arbitrary: fc.integer({ min: 0, max: 120 }) }, { weight: 3, arbitrary: fc.integer({ min: 0, max: LAST_DAY }) });
const claimedShift = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.integer({ min: -60, max: 0 }) }, { weight: 2, arbitrary: fc.integer({ min: -450, max: 15 }) });
const draft: fc.Arbitrary<Draft> = fc.record({ day, hour: fc.integer({ min: 0, max: 23 }), claimedShift }).chain((timing) => action.map((a) => ({ ...timing, ...a })));

function toStep(d: Draft): ScriptStep {
  const sentOn = addDays(deal.bookedOn, d.day);
  return { at: `P${d.day}DT${d.hour}H`, action: d.action, actor: d.actor, ...d.payload(addDays(sentOn, d.claimedShift)) };
}

/** Random money actions, then resends of some of them unchanged up to 60 days later. */
export const moneyScript: fc.Arbitrary<ScriptStep[]> = fc
  .array(draft, { minLength: 1, maxLength: 16 })
  .chain((drafts) => fc.tuple(fc.constant(drafts), fc.array(fc.record({ of: fc.nat(drafts.length - 1), after: fc.nat(60) }), { maxLength: 5 })))
  .map(([drafts, resends]) => [
    ...drafts.map(toStep),
    ...resends.map(({ of, after }) => {
      const original = toStep(drafts[of]!);
      const again = drafts[of]!.day + after;
      return { ...original, at: `P${again}DT${drafts[of]!.hour}H` };
    }),
  ]);
