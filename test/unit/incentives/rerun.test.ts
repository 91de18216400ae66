import { describe, expect, it } from 'vitest';
import { loadProgram } from '../../../src/config/program-files';
import { DealFacts } from '../../../src/incentives/facts-schema';
import type { Program } from '../../../src/incentives/program-schema';
import { rerunDeal, rerunTotals, type RecordedDeal } from '../../../src/incentives/rerun';
import { fy2021, makeDeal, makePartner } from './fixtures';

const rebate = await loadProgram('cx-rebate-v1');

/** fy2021 v2: small-tier non-EA business outcomes pay $20,000 instead of $15,000. */
function withRaisedOutcomes(program: Program): Program {
  const raised = structuredClone(program);
  raised.version = 2;
  const outcomes = raised.incentives.find((i) => i.kind === 'adopt')!.milestones.find((m) => m.id === 'business-outcomes')!;
  if (outcomes.payout.type !== 'by-agreement' || outcomes.payout.standard.type !== 'by-tier') throw new Error('fixture: unexpected payout shape');
  outcomes.payout.standard.tiers.small = { type: 'fixed', usd: 20_000 };
  return raised;
}

const facts = DealFacts.parse({
  successPlan: { submittedOn: '2021-03-01' },
  businessOutcomes: { reportedOn: '2021-11-20', confirmation: { kind: 'signature', signedBy: 'Jo', signedOn: '2021-11-20' } },
});

function recorded(overrides: Partial<RecordedDeal> = {}): RecordedDeal {
  return { deal: makeDeal(), partner: makePartner('specialized'), program: fy2021, facts, asOf: '2021-12-01', ...overrides };
}

describe('rerun: a recorded deal under another program version', () => {
  it('shows no difference under its own program', () => {
    const result = rerunDeal(recorded(), fy2021);
    expect(result.totals).toEqual({ ownUsd: 20_000, whatIfUsd: 20_000, differenceUsd: 0 });
    expect(result.lines.every((l) => l.differenceUsd === 0 && l.own !== undefined && l.whatIf !== undefined)).toBe(true);
  });

  it('compares milestone by milestone, with the difference and the totals', () => {
    const result = rerunDeal(recorded(), withRaisedOutcomes(fy2021));
    expect(result).toMatchObject({ dealId: 'deal-1', partnerId: 'partner-1', asOf: '2021-12-01', own: { id: 'fy2021-lifecycle', version: 1 }, whatIf: { id: 'fy2021-lifecycle', version: 2 } });
    const outcomes = result.lines.find((l) => l.milestone === 'adopt:business-outcomes')!;
    expect(outcomes).toMatchObject({ own: { eligible: true, amountUsd: 15_000 }, whatIf: { eligible: true, amountUsd: 20_000 }, differenceUsd: 5_000 });
    expect(result.lines.find((l) => l.milestone === 'adopt:success-plan')).toMatchObject({ own: { amountUsd: 5_000 }, whatIf: { amountUsd: 5_000 }, differenceUsd: 0 });
    expect(result.totals).toEqual({ ownUsd: 20_000, whatIfUsd: 25_000, differenceUsd: 5_000 });
  });

  it('lists milestones of either program alone on their side, own order first', () => {
    const result = rerunDeal(recorded(), rebate);
    const ownOnly = result.lines.filter((l) => l.whatIf === undefined).map((l) => l.milestone);
    const whatIfOnly = result.lines.filter((l) => l.own === undefined).map((l) => l.milestone);
    expect(ownOnly).toContain('adopt:business-outcomes');
    expect(whatIfOnly).toEqual(['rebate:success-plan', 'rebate:sustained-usage']);
    expect(result.lines.slice(-2).map((l) => l.milestone)).toEqual(whatIfOnly);
    // The rebate needs an attestation the deal does not have: nothing is earned under it.
    expect(result.lines.find((l) => l.milestone === 'rebate:sustained-usage')!.whatIf).toMatchObject({ eligible: false, amountUsd: 0, reasonCode: 'missing-attestation' });
    expect(result.totals).toEqual({ ownUsd: 20_000, whatIfUsd: 0, differenceUsd: -20_000 });
  });

  it('keeps the recorded cap answer for a capped incentive the what-if program shares', () => {
    const result = rerunDeal(recorded({ capStatus: { adopt: 'cap-reached' } }), withRaisedOutcomes(fy2021));
    const outcomes = result.lines.find((l) => l.milestone === 'adopt:business-outcomes')!;
    expect(outcomes).toMatchObject({ own: { eligible: false, reasonCode: 'cap-reached' }, whatIf: { eligible: false, reasonCode: 'cap-reached' }, differenceUsd: 0 });
  });

  it('evaluates both sides as of the deal\'s day: later facts do not count yet', () => {
    const result = rerunDeal(recorded({ asOf: '2021-06-01' }), withRaisedOutcomes(fy2021));
    expect(result.lines.find((l) => l.milestone === 'adopt:business-outcomes')).toMatchObject({ own: { eligible: false, reasonCode: 'not-yet-evidenced' }, whatIf: { eligible: false }, differenceUsd: 0 });
    expect(result.totals).toEqual({ ownUsd: 5_000, whatIfUsd: 5_000, differenceUsd: 0 });
  });

  it('adds deals\' totals in whole cents', () => {
    const base = rerunDeal(recorded(), withRaisedOutcomes(fy2021));
    const cents = { ...base, totals: { ownUsd: 0.1, whatIfUsd: 0.2, differenceUsd: 0.1 } };
    expect(rerunTotals([base, cents, cents])).toEqual({ ownUsd: 20_000.2, whatIfUsd: 25_000.4, differenceUsd: 5_000.2 });
  });
});
