import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadProgram } from '../../../src/config/program-files';
import { addDays } from '../../../src/domain/calendar';
import type { Architecture, IsoDate } from '../../../src/domain/schemas/common';
import { DealFacts } from '../../../src/incentives/facts-schema';
import type { NewFact } from '../../../src/incentives/facts/new-fact';
import { recordFact } from '../../../src/incentives/facts/record-fact';
import type { Program } from '../../../src/incentives/program-schema';
import type { ClaimQuote } from '../../../src/incentives/quote-schema';
import { evaluateIncentives } from '../../../src/incentives/rules/evaluate';
import { provenDates } from '../../support/proven-dates';
import { fy2021, makeDeal, makePartner } from './fixtures';

/*
 * Random sequences of facts arriving on a deal (duplicates, conflicting resends, any order,
 * claimed dates before the booking or after the day they arrive) go through recordFact and the
 * calculator as the deal workflow uses them: each day the deal evaluates as of its today and
 * claims what is eligible and not yet claimed. Whatever arrives, the deal never claims one
 * milestone twice, never claims proof received outside its window, and never claims more in
 * total than `baton quote` computes for the same facts on the same day.
 */

const rebate = await loadProgram('cx-rebate-v1');
const BOOKED_ON = '2021-01-15';

const DEVICES = ['routersControllersSwitches', 'accessPoints'];
/** The use cases of each architecture with the metrics their conditions and payouts read. */
const USE_CASES: Record<string, Record<string, string[]>> = {
  'data-center': {
    intersight: ['licensedServers', 'claimedServers'],
    'aci-day2-ops': ['leafSwitchesInProduction', 'assuranceInsightsInProduction', 'additionalAssuranceUseCases'],
    'dcnm-day2-ops': ['spineNodesInProduction', 'leafNodesInProduction', 'assuranceInsightsInProduction', 'additionalAssuranceUseCases'],
  },
  'enterprise-networks': {
    'dnac-image-management': DEVICES,
    'dnac-device-onboarding': DEVICES,
    'dnac-network-assurance': DEVICES,
    ise: ['baseOrPlusLicences', 'baseOrPlusLicencesInUse', 'scalableAccessPolicyPopPassed'],
    stealthwatch: ['flowCollectionLicencesInUse', 'licences'],
  },
  security: { tetration: ['sensorsInProduction', 'microSegmentedApplications', 'processAnomalyDetection', 'vulnerabilityDetection'] },
  collaboration: { 'active-usage': ['licensedUsers', 'activeUsers'] },
};

interface Arrival {
  day: number;
  /** Days from the arrival to the date the fact claims: negative is back-dated, positive forward. */
  claimedShift: number;
  fact: (claimedOn: IsoDate) => NewFact;
}

const usageFact = (useCases: Record<string, string[]>) =>
  fc
    .constantFrom(...Object.keys(useCases))
    .chain((useCase) =>
      fc.record({
        id: fc.integer({ min: 1, max: 12 }).map((n) => `u${n}`),
        useCase: fc.constant(useCase),
        source: fc.constantFrom('pop' as const, 'telemetry' as const),
        metrics:
          useCase === 'active-usage'
            ? fc.record({ licensedUsers: fc.constant(200), activeUsers: fc.integer({ min: 90, max: 200 }) })
            : fc.dictionary(fc.constantFrom(...useCases[useCase]!), fc.oneof({ arbitrary: fc.integer({ min: 0, max: 300 }), weight: 30 }, { arbitrary: fc.constant(-1), weight: 1 }), { minKeys: 1 }),
      }),
    )
    .map((e) => (observedOn: IsoDate): NewFact => ({ kind: 'usage', evidence: { ...e, observedOn } }));

function factArbitrary(program: Program, architecture: Architecture): fc.Arbitrary<Arrival['fact']> {
  const usage = usageFact(USE_CASES[architecture]!);
  return fc.oneof(
    fc.record({ version: fc.integer({ min: 1, max: 3 }), dated: fc.boolean() }).map(({ version, dated }) => (on: IsoDate): NewFact => ({ kind: 'success-plan', version, ...(dated ? { submittedOn: on } : {}) })),
    fc.record({ reportId: fc.constantFrom('R1', 'R2', 'R3'), confirmed: fc.boolean() }).map(({ reportId, confirmed }) => (on: IsoDate): NewFact => ({
      kind: 'business-outcomes',
      reportId,
      reportedOn: on,
      ...(confirmed ? { confirmation: { kind: 'signature' as const, signedBy: 'Jo Park', signedOn: on } } : {}),
    })),
    usage,
    usage,
    usage,
    fc.record({ orderRef: fc.constantFrom('O1', 'O2', 'O3'), usd: fc.constantFrom(40_000, 100_000) }).map(({ orderRef, usd }) => (bookedOn: IsoDate): NewFact => ({
      kind: 'expansion',
      orderRef,
      bookedOn,
      lineItems: [{ sku: 'SW-X', netValueUsd: usd, software: true, quantity: 1 }],
    })),
    fc.constantFrom('am@partner.example', 'csm@partner.example').map((by) => (): NewFact => ({ kind: 'attestation', id: 'value-added-selling', by, evidence: { reference: 'crm-1' } })),
  );
}

function arrivals(program: Program, architecture: Architecture): fc.Arbitrary<Arrival[]> {
  // The rebate's 3-month runs need readings close together.
  const lastDay = program === rebate ? 150 : 600;
  const day = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 120 }), weight: 2 }, { arbitrary: fc.integer({ min: 0, max: lastDay }), weight: 3 });
  const arrival = fc.record({ day, claimedShift: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: -60, max: 0 }), weight: 3 }, { arbitrary: fc.integer({ min: -450, max: 15 }), weight: 2 }), fact: factArbitrary(program, architecture) });
  // Resends of earlier arrivals, later or the same day: the same payload again.
  return fc
    .array(arrival, { minLength: 1, maxLength: 20 })
    .chain((list) => fc.tuple(fc.constant(list), fc.array(fc.record({ of: fc.nat(list.length - 1), after: fc.nat(60) }), { maxLength: 6 })))
    .map(([list, resends]) => [...prelude(program), ...list, ...resends.map(({ of, after }) => ({ ...list[of]!, day: list[of]!.day + after }))]);
}

/** The rebate's conditions other than usage met early, so that its usage runs are what varies. */
function prelude(program: Program): Arrival[] {
  if (program !== rebate) return [];
  return [
    { day: 3, claimedShift: 0, fact: () => ({ kind: 'success-plan', version: 1 }) },
    { day: 4, claimedShift: 0, fact: () => ({ kind: 'attestation', id: 'value-added-selling', by: 'am@partner.example', evidence: { reference: 'crm-1' } }) },
  ];
}

const eligibleTotal = (quotes: ClaimQuote[]) => quotes.filter((q) => q.eligible).reduce((sum, q) => sum + Math.round(q.amountUsd * 100), 0);

function runDeal(program: Program, architecture: Architecture, sequence: Arrival[]): void {
  const deal = makeDeal({ architecture, bookedOn: BOOKED_ON });
  const partner = makePartner('specialized');
  const ordered = [...sequence].sort((a, b) => a.day - b.day);
  let facts = DealFacts.parse({});
  const recordedPayloads = new Map<string, string>();
  const claims = new Map<string, ClaimQuote>();
  for (const arrival of ordered) {
    const today = addDays(BOOKED_ON, arrival.day);
    const claimedOn = addDays(today, arrival.claimedShift);
    const fact = arrival.fact(claimedOn);
    const result = recordFact(facts, fact, { bookedOn: BOOKED_ON, today });
    const payload = JSON.stringify(fact);
    const datedOutside = fact.kind !== 'attestation' && (claimedOn < BOOKED_ON || claimedOn > today) && !(fact.kind === 'success-plan' && fact.submittedOn === undefined);
    if (datedOutside) expect(result.outcome).toBe('refused');
    if (recordedPayloads.has(payload)) expect(result.outcome).toBe('duplicate');
    if (result.outcome === 'recorded') {
      facts = result.facts;
      recordedPayloads.set(payload, today);
    }

    const quotes = evaluateIncentives({ program, deal, partner, facts, asOf: today, claimed: [...claims.keys()] });
    expect(new Set(quotes.map((q) => q.milestone)).size).toBe(quotes.length);
    for (const quote of quotes.filter((q) => q.eligible)) {
      expect(quote.provenOn! <= quote.deadline!).toBe(true);
      expect(quote.provenOn! <= today).toBe(true);
      expect(provenDates(program, facts, quote.milestone)).toContain(quote.provenOn);
      if (!claims.has(quote.milestone)) claims.set(quote.milestone, quote);
    }
    // One expansion claim per order at most, however often it was sent.
    expect([...claims.keys()].filter((m) => m.startsWith('expand:')).length).toBeLessThanOrEqual(new Set(facts.expansions.map((e) => e.orderRef)).size);
    // What `baton quote` computes for the same facts on the same day.
    const quoted = evaluateIncentives({ program, deal, partner, facts, asOf: today });
    expect(eligibleTotal([...claims.values()])).toBeLessThanOrEqual(eligibleTotal(quoted));
  }
}

describe('money integrity under any sequence of facts', () => {
  for (const [program, architecture] of [
    [fy2021, 'data-center'],
    [fy2021, 'enterprise-networks'],
    [fy2021, 'security'],
    [rebate, 'collaboration'],
  ] as const) {
    it(`${program.id} on a ${architecture} deal`, () => {
      fc.assert(
        fc.property(arrivals(program, architecture), (sequence) => runDeal(program, architecture, sequence)),
        { numRuns: 150 },
      );
    });
  }
});
