import { describe, expect, it } from 'vitest';
import { loadProgram } from '../../../src/config/program-files';
import { DealFacts } from '../../../src/incentives/facts-schema';
import type { NewFact } from '../../../src/incentives/facts/new-fact';
import { recordFact } from '../../../src/incentives/facts/record-fact';
import type { Program } from '../../../src/incentives/program-schema';
import { evaluateIncentives } from '../../../src/incentives/rules/evaluate';
import { claim, fy2021, makeDeal, makePartner } from './fixtures';

// Booked 2021-01-15 (FY2021 Q2 ends 2021-01-31): success plan by 2021-04-15, outcomes by
// 2022-01-15, Use by 2022-01-31, Expand by 2022-07-15.
const deal = makeDeal();
const partner = makePartner('specialized');
const signed = (on: string) => ({ kind: 'signature' as const, signedBy: 'Jo Park', signedOn: on });

/** Facts as the deal records them: each received on its own business day. */
function received(...arrivals: [string, NewFact][]): DealFacts {
  return arrivals.reduce((facts, [today, fact]) => {
    const result = recordFact(facts, fact, { bookedOn: deal.bookedOn, today });
    if (result.outcome !== 'recorded') throw new Error(result.message);
    return result.facts;
  }, DealFacts.parse({}));
}

const quote = (facts: DealFacts, asOf: string, program: Program = fy2021) => evaluateIncentives({ program, deal, partner, facts, asOf });

describe('the date Baton received the proof meets the window (issue 11 item 2)', () => {
  it('earns nothing for a success plan received after its window, whatever date it claims', () => {
    const facts = received(['2021-04-20', { kind: 'success-plan', version: 1, submittedOn: '2021-04-01' }]);
    expect(claim(quote(facts, '2021-05-01'), 'adopt:success-plan')).toMatchObject({
      eligible: false,
      reasonCode: 'window-closed',
      provenOn: '2021-04-20',
      reason: 'the success plan was received on 2021-04-20, after its window closed on 2021-04-15',
    });
  });

  it('does not count usage observed inside a window that had closed before it was received', () => {
    const reading = { id: 'ev-1', useCase: 'intersight', observedOn: '2022-01-20', source: 'telemetry' as const, metrics: { licensedServers: 100, claimedServers: 50 } };
    const late = quote(received(['2022-02-10', { kind: 'usage', evidence: reading }]), '2022-02-10');
    expect(claim(late, 'use:intersight')).toMatchObject({
      eligible: false,
      reasonCode: 'window-closed',
      reason: 'telemetry ev-1 (observed 2022-01-20) was received on 2022-02-10, after its window closed on 2022-01-31',
    });
    const inTime = quote(received(['2022-01-31', { kind: 'usage', evidence: reading }]), '2022-02-10');
    expect(claim(inTime, 'use:intersight')).toMatchObject({ eligible: true, amountUsd: 5_000, provenOn: '2022-01-31' });
  });

  it("meets the expansion window by the order's booking date, never later than the day it is recorded", () => {
    const facts = received(
      ['2021-03-01', { kind: 'success-plan', version: 1 }],
      ['2021-11-20', { kind: 'business-outcomes', reportId: 'R1', confirmation: signed('2021-11-20') }],
      ['2022-08-01', { kind: 'expansion', orderRef: 'ORD-1', bookedOn: '2022-07-10', lineItems: [{ sku: 'SW-2', netValueUsd: 100_000, software: true, quantity: 1 }] }],
    );
    // The expansion window is met by the order's booking date (2022-07-10, inside 2022-07-15).
    expect(claim(quote(facts, '2022-08-01'), 'expand:booking-1')).toMatchObject({ eligible: true, amountUsd: 3_000, provenOn: '2022-07-10' });
    // A program reading the received date instead refuses it.
    const byReceipt = structuredClone(fy2021) as Program;
    byReceipt.incentives.find((i) => i.kind === 'expand')!.milestones[0]!.windowMetBy = 'received';
    expect(claim(quote(facts, '2022-08-01', byReceipt), 'expand:booking-1')).toMatchObject({
      eligible: false,
      reason: 'expansion ORD-1 was received on 2022-08-01, after its window closed on 2022-07-15',
    });
  });
});

describe('windows are independent unless the program says otherwise (issue 11 item 3)', () => {
  const latePlanThenOutcomes = received(
    ['2021-04-20', { kind: 'success-plan', version: 1 }],
    ['2021-11-20', { kind: 'business-outcomes', reportId: 'R1', confirmation: signed('2021-11-18') }],
  );

  it('keeps the outcomes claim in its own 12-month window when the plan was late', () => {
    const all = quote(latePlanThenOutcomes, '2021-12-01');
    expect(claim(all, 'adopt:success-plan')).toMatchObject({ eligible: false, reasonCode: 'window-closed' });
    expect(claim(all, 'adopt:business-outcomes')).toMatchObject({ eligible: true, amountUsd: 15_000, provenOn: '2021-11-20' });
  });

  it('says what happened to a prerequisite the program wants in its window', () => {
    const inWindow = structuredClone(fy2021) as Program;
    inWindow.incentives.find((i) => i.kind === 'adopt')!.milestones[1]!.requires = [{ milestone: 'adopt:success-plan', proven: 'in-window' }];
    expect(claim(quote(latePlanThenOutcomes, '2021-12-01', inWindow), 'adopt:business-outcomes')).toMatchObject({
      eligible: false,
      reasonCode: 'requires',
      reason: 'requires adopt:success-plan in its window: the success plan was received on 2021-04-20, after its window closed on 2021-04-15',
    });
  });

  it('still needs the prerequisite proven before the claim that depends on it', () => {
    const facts = received(
      ['2021-03-01', { kind: 'business-outcomes', reportId: 'R1', confirmation: signed('2021-03-01') }],
      ['2021-03-05', { kind: 'success-plan', version: 1 }],
    );
    expect(claim(quote(facts, '2021-12-01'), 'adopt:business-outcomes').reason).toBe('requires adopt:success-plan first: proven 2021-03-05, after this proof (2021-03-01)');
  });

  it('lets a confirmed later report prove the outcomes when the first was unconfirmed', () => {
    const facts = received(
      ['2021-03-01', { kind: 'success-plan', version: 1 }],
      ['2021-10-01', { kind: 'business-outcomes', reportId: 'R1' }],
      ['2021-11-01', { kind: 'business-outcomes', reportId: 'R2', confirmation: signed('2021-10-30') }],
      ['2021-12-01', { kind: 'business-outcomes', reportId: 'R3' }],
    );
    expect(claim(quote(facts, '2021-12-02'), 'adopt:business-outcomes')).toMatchObject({ eligible: true, provenOn: '2021-11-01' });
  });
});

describe('programs and facts recorded before these rules keep their results', () => {
  // A program as deal workflows recorded it: bare `kind:id` prerequisites, no windowMetBy, the
  // minimum on the deal total; facts without identities or received dates.
  const recorded = structuredClone(fy2021) as Program;
  for (const incentive of recorded.incentives) {
    if (incentive.eligibility.minimumSoftware) incentive.eligibility.minimumSoftware = { usd: incentive.eligibility.minimumSoftware.usd, basis: 'deal' };
    if (incentive.tiers) incentive.tiers = { ...incentive.tiers, basis: 'deal' };
    for (const milestone of incentive.milestones) {
      delete milestone.windowMetBy;
      milestone.requires = milestone.requires.map((r) => (typeof r === 'string' ? r : r.milestone));
    }
  }
  const legacyFacts = DealFacts.parse({ successPlan: { submittedOn: '2021-04-20' }, businessOutcomes: { reportedOn: '2021-11-20', confirmation: signed('2021-11-20') } });

  it('voids the outcomes with a late plan under a bare prerequisite, as before', () => {
    const all = evaluateIncentives({ program: recorded, deal, partner, facts: legacyFacts, asOf: '2021-12-01' });
    expect(claim(all, 'adopt:success-plan').reason).toBe("proven on 2021-04-20, after the window's last day 2021-04-15");
    expect(claim(all, 'adopt:business-outcomes')).toMatchObject({ eligible: false, reason: 'requires adopt:success-plan, not yet proven' });
  });

  it('reads the minimum on the deal total and tiers on the deal software', () => {
    const small = makeDeal({ lineItems: [{ sku: 'A', netValueUsd: 30_000, software: true, quantity: 1 }, { sku: 'B', netValueUsd: 30_000, software: true, quantity: 1 }] });
    const onTime = DealFacts.parse({ successPlan: { submittedOn: '2021-03-01' } });
    const plan = claim(evaluateIncentives({ program: recorded, deal: small, partner, facts: onTime, asOf: '2021-12-01' }), 'adopt:success-plan');
    expect(plan).toMatchObject({ eligible: true, amountUsd: 5_000 });
    expect(plan.breakdown).toContain('Small tier: deal net software $60,000 (from $50,000)');
  });
});

describe('attestations (issue 11 item 10)', async () => {
  const rebate = await loadProgram('cx-rebate-v1');
  const usage = (observedOn: string, id: string): [string, NewFact] => [observedOn, { kind: 'usage', evidence: { id, useCase: 'active-usage', observedOn, source: 'telemetry', metrics: { licensedUsers: 100, activeUsers: 70 } } }];
  const base: [string, NewFact][] = [['2021-02-01', { kind: 'success-plan', version: 1 }], usage('2021-04-10', 'u1'), usage('2021-05-10', 'u2'), usage('2021-06-10', 'u3')];

  it('meets the value-added-selling condition once attested with evidence', () => {
    const without = quote(received(...base), '2021-12-31', rebate);
    expect(claim(without, 'rebate:sustained-usage')).toMatchObject({ eligible: false, reasonCode: 'missing-attestation' });
    const attested = received(...base, ['2021-07-01', { kind: 'attestation', id: 'value-added-selling', by: 'am@partner.example', evidence: { reference: 'crm-opportunity-4411' } }]);
    expect(claim(quote(attested, '2021-12-31', rebate), 'rebate:sustained-usage')).toMatchObject({ eligible: true, amountUsd: 4_399.98, provenOn: '2021-06-10' });
    expect(claim(quote(attested, '2021-06-30', rebate), 'rebate:sustained-usage').reasonCode).toBe('missing-attestation');
  });

  it('judges a sustained run on the readings received by the day it completed', () => {
    const attest: [string, NewFact] = ['2021-02-01', { kind: 'attestation', id: 'value-added-selling', by: 'am@partner.example', evidence: { reference: 'crm-1' } }];
    const dip: [string, NewFact] = ['2021-07-02', { kind: 'usage', evidence: { id: 'u4', useCase: 'active-usage', observedOn: '2021-05-20', source: 'pop', metrics: { licensedUsers: 100, activeUsers: 30 } } }];
    // The run was complete on 2021-06-10 (and claimed then); a dip in May received in July does not undo it.
    const facts = received(...base, attest, dip);
    expect(claim(quote(facts, '2021-12-31', rebate), 'rebate:sustained-usage')).toMatchObject({ eligible: true, provenOn: '2021-06-10' });
  });
});
