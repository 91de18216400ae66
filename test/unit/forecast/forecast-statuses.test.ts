import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPlaybook } from '../../../src/config/playbook-files';
import { loadProgram } from '../../../src/config/program-files';
import type { EscalationLadder } from '../../../src/domain/playbook/schema';
import { forecastPortfolio } from '../../../src/forecast/forecast';
import { forecastDeal, type DealRules } from '../../../src/forecast/forecast-deal';
import { AS_OF, TEN_DEALS } from './ten-deals';

let rules: DealRules;
let ladder: EscalationLadder;

beforeAll(async () => {
  ladder = (await defaultPlaybook()).escalation;
  rules = { program: await loadProgram('fy2021-lifecycle'), ladder };
});

describe('the forecast on the hand-worked table of ten deals', () => {
  it.each(TEN_DEALS.map((row) => [row.deal.dealId, row] as const))('%s', (_id, row) => {
    const window = forecastDeal(row.deal, rules, AS_OF, row.whatIfs).find((w) => w.milestone === row.milestone);
    expect(window).toMatchObject({ status: row.status, lastDay: row.lastDay, atStakeUsd: row.atStakeUsd, missedUsd: row.missedUsd, paidIn: row.paidIn });
  });

  it('leaves out windows the deal can never earn: no Adopt for a partner without the CX specialization', () => {
    const fabrikam = TEN_DEALS.find((row) => row.deal.dealId === 'D8')!;
    const windows = forecastDeal(fabrikam.deal, rules, AS_OF);
    expect(windows.filter((w) => w.incentive === 'adopt')).toEqual([]);
    expect(windows.some((w) => w.milestone === 'use:intersight' && w.status === 'on-track')).toBe(true);
  });

  it('puts one DNA Center use case at stake, the best-paying: the vendor pays one per deal', () => {
    const d1 = TEN_DEALS[0]!.deal;
    const networks = { ...d1, architecture: 'enterprise-networks', booking: { ...d1.booking, deal: { ...d1.booking.deal, architecture: 'enterprise-networks' as const } } };
    const windows = forecastDeal(networks, rules, AS_OF).filter((w) => w.milestone.startsWith('use:dnac-'));
    expect(windows).toHaveLength(5);
    // Tier 2 pays up to $25,000, tier 1 up to $12,500: the first tier-2 use case carries the group.
    expect(windows.filter((w) => w.atStakeUsd > 0).map((w) => [w.milestone, w.atStakeUsd])).toEqual([['use:dnac-network-assurance', 25000]]);
  });

  it('answers a what-if without touching its input', () => {
    const row = TEN_DEALS.find((r) => r.deal.dealId === 'D7')!;
    const before = structuredClone(row.deal);
    forecastDeal(row.deal, rules, AS_OF, row.whatIfs);
    expect(row.deal).toEqual(before);
    expect(forecastDeal(row.deal, rules, AS_OF).find((w) => w.milestone === 'adopt:success-plan')!.status).toBe('escalated');
  });

  it('totals the portfolio by the fiscal quarter of payment, in whole cents', () => {
    const forecast = forecastPortfolio(
      TEN_DEALS.map((r) => r.deal),
      () => rules,
      { asOf: AS_OF, until: '2021-12-31', by: 'quarter', whatIfs: [] },
    );
    const byQuarter = Object.fromEntries(forecast.totals.map((t) => [t.key, t]));
    // FY2021 Q4: D5's plan and D9's Intersight, earned (D9's Use window closes after `until`,
    // but earned money is forecast until the quarter it pays in is over).
    expect(byQuarter['FY2021 Q4']).toMatchObject({ earnedUsd: 10000, atStakeUsd: 0, missedUsd: 0 });
    // FY2022 Q1, all behind pace or escalated: the D2, D3 and D7 plans (3 × $5,000), D10's
    // outcomes ($25,000) and D10's Use window (booked in FY2020 Q4, last day 2021-07-31, half
    // gone): Intersight $5,000, ACI and DCNM up to $30,000 each. Missed: the D4 and D9 plans.
    expect(byQuarter['FY2022 Q1']).toMatchObject({ earnedUsd: 0, atStakeUsd: 105000, atRiskUsd: 105000, missedUsd: 10000 });
    expect(byQuarter['FY2022 Q1']!.windows).toEqual({ earned: 0, 'on-track': 0, 'at-risk': 9, escalated: 2, missed: 2 });
    // FY2022 Q2: the D1 and D6 plans, on track (D6's slip is a what-if, not asked here).
    expect(byQuarter['FY2022 Q2']).toMatchObject({ atStakeUsd: 10000, atRiskUsd: 0 });
    expect(forecast.windows.filter((w) => w.status !== 'earned').every((w) => w.lastDay <= '2021-12-31')).toBe(true);
    expect(forecast.deals).toEqual({ read: 10, unpriced: [] });
  });
});
