import { describe, expect, it } from 'vitest';
import { capDecision } from '../../../src/incentives/rules/caps';
import { expectedPayoutQuarter } from '../../../src/incentives/rules/payout-quarter';
import { claim, fy2021, makeDeal, makePartner, quotes } from './fixtures';

const facts = {
  successPlan: { submittedOn: '2021-03-01' },
  businessOutcomes: { reportedOn: '2021-11-20', confirmation: { kind: 'signature' as const, signedBy: 'Jo', signedOn: '2021-11-20' } },
};

describe('adoption cap key and limit', () => {
  it('counts per partner, architecture and fiscal quarter of registration: 3 non-EA', () => {
    const decision = capDecision({ program: fy2021, incentiveKind: 'adopt', deal: makeDeal(), partner: makePartner('specialized'), countedOn: '2021-03-01' });
    expect(decision).toMatchObject({ limited: true, key: 'adopt/partner-1/data-center/FY2021-Q3/standard', limit: 3, agreement: 'standard' });
  });

  it('has a separate limit of 6 for Enterprise Agreements', () => {
    const decision = capDecision({ program: fy2021, incentiveKind: 'adopt', deal: makeDeal({ ea: true }), partner: makePartner('specialized'), countedOn: '2021-08-01' });
    expect(decision).toMatchObject({ limited: true, key: 'adopt/partner-1/data-center/FY2022-Q1/enterpriseAgreement', limit: 6 });
  });

  it('does not cap advanced partners, unless their reported prior-year bookings are under $1M', () => {
    const decide = (bookings?: number) => capDecision({ program: fy2021, incentiveKind: 'adopt', deal: makeDeal(), partner: makePartner('advanced', undefined, bookings), countedOn: '2021-03-01' });
    expect(decide()).toEqual({ limited: false, reason: 'no cap for advanced partners' });
    expect(decide(1_000_000)).toMatchObject({ limited: false });
    expect(decide(999_999)).toMatchObject({ limited: true, limit: 3 });
  });

  it('has no cap for incentives without one', () => {
    expect(capDecision({ program: fy2021, incentiveKind: 'use', deal: makeDeal(), partner: makePartner('none'), countedOn: '2021-03-01' })).toBeUndefined();
  });
});

describe('caps in quotes', () => {
  it('reports cap reached when the cap counter says so, for every adopt claim of the deal', () => {
    const all = quotes({ partner: makePartner('specialized'), facts, asOf: '2021-12-01', capStatus: { adopt: 'cap-reached' } });
    for (const milestone of ['adopt:success-plan', 'adopt:business-outcomes']) {
      const q = claim(all, milestone);
      expect(q).toMatchObject({ eligible: false, amountUsd: 0, reasonCode: 'cap-reached' });
      expect(q.reason).toBe('cap reached: 3 per architecture per fiscal quarter (non-EA), data-center in FY2021 Q3 (adopt/partner-1/data-center/FY2021-Q3/standard)');
    }
  });

  it('says which cap an eligible claim is subject to, or counted against', () => {
    const pending = claim(quotes({ partner: makePartner('specialized'), facts, asOf: '2021-12-01' }), 'adopt:success-plan');
    expect(pending.breakdown.at(-1)).toBe('subject to the cap of 3 per architecture per fiscal quarter (non-EA) (adopt/partner-1/data-center/FY2021-Q3/standard)');
    const granted = claim(quotes({ partner: makePartner('specialized'), facts, asOf: '2021-12-01', capStatus: { adopt: 'slot-granted' } }), 'adopt:business-outcomes');
    expect(granted).toMatchObject({ eligible: true, amountUsd: 15_000 });
    expect(granted.breakdown.at(-1)).toMatch(/^counted against the cap/);
  });

  it('ignores a reached cap for an advanced partner', () => {
    const q = claim(quotes({ partner: makePartner('advanced'), facts, asOf: '2021-12-01', capStatus: { adopt: 'cap-reached' } }), 'adopt:success-plan');
    expect(q).toMatchObject({ eligible: true, amountUsd: 5_000 });
    expect(q.breakdown.at(-1)).toBe('no cap for advanced partners');
  });
});

describe('expected payout quarter: the fiscal quarter after acceptance', () => {
  it.each([
    ['2021-07-31', 'FY2022 Q1'],
    ['2021-08-01', 'FY2022 Q2'],
    ['2021-01-31', 'FY2021 Q3'],
    ['2021-02-01', 'FY2021 Q4'],
  ])('accepted %s is paid in %s', (acceptedOn, label) => {
    expect(expectedPayoutQuarter(acceptedOn, fy2021).label).toBe(label);
  });

  it('follows the program lag', () => {
    expect(expectedPayoutQuarter('2021-07-31', { ...fy2021, payout: { cadence: 'quarterly', lagFiscalQuarters: 0 } }).label).toBe('FY2021 Q4');
  });
});
