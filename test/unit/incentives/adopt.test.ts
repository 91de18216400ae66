import { describe, expect, it } from 'vitest';
import type { Program } from '../../../src/incentives/program-schema';
import { claim, fy2021, makeDeal, makePartner, quotes } from './fixtures';

const signed = { kind: 'signature' as const, signedBy: 'Jo Park', signedOn: '2021-11-20' };
const done = {
  successPlan: { submittedOn: '2021-03-01' },
  businessOutcomes: { reportedOn: '2021-11-20', confirmation: signed },
};
const asOf = '2021-12-01';

function adopt(options: { softwareUsd: number; ea: boolean; level: 'none' | 'specialized' | 'advanced' }) {
  const all = quotes({ deal: makeDeal({ softwareUsd: options.softwareUsd, ea: options.ea }), partner: makePartner(options.level), facts: done, asOf });
  return { plan: claim(all, 'adopt:success-plan'), outcomes: claim(all, 'adopt:business-outcomes') };
}

// [net software value, tier, non-EA plan, non-EA outcomes, EA plan, EA outcomes]
const tiers: [number, string, number, number, number, number][] = [
  [50_000, 'Small', 5_000, 15_000, 0, 25_000],
  [499_999, 'Small', 5_000, 15_000, 0, 25_000],
  [500_000, 'Medium', 5_000, 25_000, 0, 50_000],
  [1_999_999, 'Medium', 5_000, 25_000, 0, 50_000],
  [2_000_000, 'Large', 5_000, 45_000, 0, 100_000],
  [12_000_000, 'Large', 5_000, 45_000, 0, 100_000],
];

describe('Adopt rewards by the deal net software value', () => {
  for (const level of ['specialized', 'advanced'] as const) {
    it.each(tiers)(`${level}: $%i is tier %s: non-EA $%i + $%i, EA $%i + $%i`, (softwareUsd, tier, plan, outcomes, eaPlan, eaOutcomes) => {
      const standard = adopt({ softwareUsd, ea: false, level });
      expect(standard.plan).toMatchObject({ eligible: true, amountUsd: plan });
      expect(standard.outcomes).toMatchObject({ eligible: true, amountUsd: outcomes });
      expect(standard.outcomes.breakdown.join('\n')).toContain(`${tier} tier: software SKUs of $50,000 or more each, net`);
      expect(standard.outcomes.breakdown).toContain('non-EA');

      const ea = adopt({ softwareUsd, ea: true, level });
      expect(ea.plan).toMatchObject({ eligible: true, amountUsd: eaPlan });
      expect(ea.plan.breakdown).toContain('Enterprise Agreement: the success plan is required, unpaid');
      expect(ea.outcomes).toMatchObject({ eligible: true, amountUsd: eaOutcomes });
    });
  }

  it.each([false, true])('refuses 49,999 USD of software (EA: %s) as below the 50,000 USD minimum', (ea) => {
    for (const level of ['specialized', 'advanced'] as const) {
      const { plan, outcomes } = adopt({ softwareUsd: 49_999, ea, level });
      for (const q of [plan, outcomes]) {
        expect(q).toMatchObject({ eligible: false, amountUsd: 0, reasonCode: 'minimum-software', reason: 'no software SKU reaches the $50,000 minimum per SKU (largest: SW-1 $49,999)' });
      }
    }
  });

  it.each(tiers.map(([usd]) => usd))('refuses a partner without CX specialization at $%i', (softwareUsd) => {
    for (const ea of [false, true]) {
      const { plan, outcomes } = adopt({ softwareUsd, ea, level: 'none' });
      expect(plan).toMatchObject({ eligible: false, reasonCode: 'specialization' });
      expect(outcomes.reason).toBe('partner specialization "none" does not qualify (needs specialized or advanced)');
    }
  });

  it('needs the architecture specialization', () => {
    const q = claim(quotes({ deal: makeDeal(), partner: makePartner('advanced', ['security']), facts: done, asOf }), 'adopt:success-plan');
    expect(q).toMatchObject({ eligible: false, reasonCode: 'architecture-specialization' });
  });

  it('covers all five architectures', () => {
    for (const architecture of ['collaboration', 'data-center', 'enterprise-agreement', 'enterprise-networks', 'security'] as const) {
      const q = claim(quotes({ deal: makeDeal({ architecture }), partner: makePartner('specialized'), facts: done, asOf }), 'adopt:business-outcomes');
      expect(q.amountUsd).toBe(15_000);
    }
  });

  // Issue 11 item 4: the $50,000 minimum is per SKU ("по артикулу"), the shipped reading.
  it('counts only SKUs of at least $50,000 toward the eligible software value', () => {
    const deal = makeDeal({
      lineItems: [
        { sku: 'A', netValueUsd: 480_000, software: true, quantity: 1 },
        { sku: 'B', netValueUsd: 30_000, software: true, quantity: 1 },
        { sku: 'SVC', netValueUsd: 900_000, software: false, quantity: 1 },
      ],
    });
    const outcomes = claim(quotes({ deal, facts: done, asOf }), 'adopt:business-outcomes');
    expect(outcomes).toMatchObject({ eligible: true, amountUsd: 15_000 });
    expect(outcomes.breakdown).toContain('Small tier: software SKUs of $50,000 or more each, net $480,000 (from $50,000); not counted, below $50,000 per SKU: B $30,000');
  });

  it('gives no Adopt claim to a deal with no SKU at or above $50,000, unless the program reads the deal total', () => {
    const deal = makeDeal({
      lineItems: [
        { sku: 'A', netValueUsd: 30_000, software: true, quantity: 1 },
        { sku: 'B', netValueUsd: 30_000, software: true, quantity: 1 },
      ],
    });
    for (const milestone of ['adopt:success-plan', 'adopt:business-outcomes']) {
      expect(claim(quotes({ deal, facts: done, asOf }), milestone)).toMatchObject({
        eligible: false,
        reasonCode: 'minimum-software',
        reason: 'no software SKU reaches the $50,000 minimum per SKU (largest: A $30,000)',
      });
    }
    const dealTotal = structuredClone(fy2021) as Program;
    const adoptIncentive = dealTotal.incentives.find((i) => i.kind === 'adopt')!;
    adoptIncentive.eligibility.minimumSoftware = { usd: 50_000, basis: 'deal', minimumApplies: 'deal-total' };
    adoptIncentive.tiers = { ...adoptIncentive.tiers!, basis: 'deal' };
    expect(claim(quotes({ program: dealTotal, deal, facts: done, asOf }), 'adopt:success-plan')).toMatchObject({ eligible: true, amountUsd: 5_000 });
  });
});

describe('Adopt windows and confirmation', () => {
  // Booked 2021-01-15: success plan by 2021-04-15, business outcomes by 2022-01-15.
  it('accepts the success plan on day 90 and refuses it on day 91', () => {
    const onTime = claim(quotes({ facts: { successPlan: { submittedOn: '2021-04-15' } }, asOf: '2021-05-01' }), 'adopt:success-plan');
    expect(onTime).toMatchObject({ eligible: true, amountUsd: 5_000, deadline: '2021-04-15' });
    const late = claim(quotes({ facts: { successPlan: { submittedOn: '2021-04-16' } }, asOf: '2021-05-01' }), 'adopt:success-plan');
    expect(late).toMatchObject({ eligible: false, reasonCode: 'window-closed', reason: "proven on 2021-04-16, after the window's last day 2021-04-15" });
  });

  it('is open for a success plan until day 90 and closed after', () => {
    expect(claim(quotes({ asOf: '2021-04-15' }), 'adopt:success-plan').reasonCode).toBe('not-yet-evidenced');
    expect(claim(quotes({ asOf: '2021-04-16' }), 'adopt:success-plan')).toMatchObject({ reasonCode: 'window-closed', reason: 'no success plan submitted; the window closed on 2021-04-15' });
  });

  it('accepts business outcomes confirmed on the 12-month last day and refuses them the day after', () => {
    const at = (day: string) =>
      claim(
        quotes({ facts: { successPlan: { submittedOn: '2021-03-01' }, businessOutcomes: { reportedOn: day, confirmation: { ...signed, signedOn: day } } }, asOf: '2022-02-01' }),
        'adopt:business-outcomes',
      );
    expect(at('2022-01-15')).toMatchObject({ eligible: true, amountUsd: 15_000, deadline: '2022-01-15' });
    expect(at('2022-01-16')).toMatchObject({ eligible: false, reasonCode: 'window-closed' });
  });

  it('needs the customer confirmation: a signature or a confirmation e-mail', () => {
    const unconfirmed = claim(quotes({ facts: { successPlan: { submittedOn: '2021-03-01' }, businessOutcomes: { reportedOn: '2021-11-20' } }, asOf }), 'adopt:business-outcomes');
    expect(unconfirmed).toMatchObject({ eligible: false, amountUsd: 0, reasonCode: 'missing-customer-confirmation' });
    expect(unconfirmed.reason).toContain('a signature or confirmation e-mail is required');

    const email = { kind: 'email' as const, from: 'cio@acme.example', messageId: '<m1@acme>', receivedOn: '2021-11-25' };
    const byEmail = claim(quotes({ facts: { successPlan: { submittedOn: '2021-03-01' }, businessOutcomes: { reportedOn: '2021-11-20', confirmation: email } }, asOf }), 'adopt:business-outcomes');
    expect(byEmail).toMatchObject({ eligible: true, provenOn: '2021-11-25' });
  });

  it('treats a confirmation received after asOf as missing', () => {
    const q = claim(quotes({ facts: done, asOf: '2021-11-19' }), 'adopt:business-outcomes');
    expect(q.reasonCode).toBe('not-yet-evidenced');
    const reported = claim(quotes({ facts: { ...done, businessOutcomes: { ...done.businessOutcomes, confirmation: { ...signed, signedOn: '2021-11-25' } } }, asOf: '2021-11-21' }), 'adopt:business-outcomes');
    expect(reported.reasonCode).toBe('missing-customer-confirmation');
  });

  // Issue 11 item 3: the reason says what happened to the prerequisite.
  it('needs the success plan before the business outcomes', () => {
    const q = claim(quotes({ facts: { businessOutcomes: done.businessOutcomes }, asOf }), 'adopt:business-outcomes');
    expect(q).toMatchObject({ eligible: false, reasonCode: 'requires', reason: 'requires adopt:success-plan: not yet evidenced (no success plan submitted)' });
  });
});
