import { instantAfterLastDay } from '../../../src/domain/calendar';
import { MS_PER_DAY, type Deadline } from '../../../src/domain/deadlines';
import { Deal, type DealInput } from '../../../src/domain/schemas/deal';
import { Partner } from '../../../src/domain/schemas/partner';
import { DealFacts } from '../../../src/incentives/facts-schema';
import type { ForecastDeal } from '../../../src/forecast/forecast-deal';
import type { WindowStatus } from '../../../src/forecast/window-forecast';
import type { WhatIf } from '../../../src/forecast/what-if';

/**
 * Ten deals worked by hand on the forecast's day, 2021-06-30 (FY2021 Q4: May-July; the program's
 * fiscal year starts in August), under the FY2021 program and the default playbook's ladder:
 * remind at half the window and 14 days before its end, escalate to the accountable roles 7
 * days before and to the practice lead 3 days before. A window's instants run from 00:00Z of its
 * first day to 00:00Z after its last day; "due" means before the end of the forecast's day
 * (2021-07-01 00:00Z). Every deal is Data Center, $420,000 + $180,000 of software (Adopt tier
 * Medium: success plan $5,000, business outcomes $25,000), Northwind (specialized) unless said.
 * Payment is the fiscal quarter after the proof (earned) or after the last day (open, missed).
 */
export const AS_OF = '2021-06-30';

export const NORTHWIND = Partner.parse({ id: 'northwind', name: 'Northwind Systems', specialization: 'specialized', architectures: ['data-center', 'enterprise-networks'], priorFiscalYearBookingsUsd: 800000 });
/** No CX specialization: no Adopt claim until the what-if makes it advanced. */
export const FABRIKAM = Partner.parse({ id: 'fabrikam', name: 'Fabrikam', specialization: 'none', architectures: ['data-center'] });

export interface HandWorked {
  deal: ForecastDeal;
  /** The window the row is about, by the quote's milestone name. */
  milestone: string;
  whatIfs: WhatIf[];
  status: WindowStatus;
  lastDay: string;
  atStakeUsd: number;
  missedUsd: number;
  paidIn: string;
}

function booked(id: string, bookedOn: string, partner = NORTHWIND, facts: Record<string, unknown> = {}, deadlines: Deadline[] = []): ForecastDeal {
  const input: DealInput = {
    id,
    partnerId: partner.id,
    customer: { name: `Customer ${id}` },
    architecture: 'data-center',
    bookedOn,
    lineItems: [
      { sku: 'DC-INTERSIGHT-ESS', useCase: 'intersight', quantity: 100, netValueUsd: 420000, software: true },
      { sku: 'DC-ACI-ADV', useCase: 'aci-day2-ops', quantity: 1, netValueUsd: 180000, software: true },
    ],
    renewal: { termMonths: 36 },
    team: { AM: [{ id: `am.${id.toLowerCase()}@${partner.id}.example`, name: `AM ${id}` }] },
  };
  return {
    workflowId: `deal:${partner.id}:${id}`,
    partnerId: partner.id,
    dealId: id,
    customerName: `Customer ${id}`,
    architecture: 'data-center',
    stage: 'onboard',
    booking: { deal: Deal.parse(input), partner, program: { id: 'fy2021-lifecycle', version: 1 }, facts: DealFacts.parse(facts), capStatus: {} },
    view: { team: input.team as ForecastDeal['view']['team'], deadlines, claims: [] },
  };
}

/** The success-plan deadline the deal workflow opens at booking, with the rungs it has fired. */
function successPlanDeadline(bookedOn: string, lastDay: string, firedRungs: string[]): Deadline {
  return {
    id: 'adopt-success-plan',
    kind: 'incentive',
    label: 'Adopt: Customer success plan',
    subject: { step: 'onboard' },
    startsAt: instantAfterLastDay(bookedOn) - MS_PER_DAY,
    dueAt: instantAfterLastDay(lastDay),
    status: 'open',
    firedRungs,
    extensions: [],
    milestones: ['adopt:success-plan'],
  };
}

export const TEN_DEALS: HandWorked[] = [
  // D1: booked 06-01, plan due within 90 days: last day 08-30 (due instant 08-31). Half the
  // 91-day window is 07-16 12:00, after the forecast's day: nothing due. On track, $5,000 open,
  // paid the quarter after 08-30 (FY2022 Q1, Aug-Oct), so FY2022 Q2.
  { deal: booked('D1', '2021-06-01'), milestone: 'adopt:success-plan', whatIfs: [], status: 'on-track', lastDay: '2021-08-30', atStakeUsd: 5000, missedUsd: 0, paidIn: 'FY2022 Q2' },
  // D2: booked 05-01, last day 07-30. Half the window (06-15 12:00) has passed without a plan:
  // behind the playbook's pace; 14 days before (07-17) has not come. At risk.
  { deal: booked('D2', '2021-05-01'), milestone: 'adopt:success-plan', whatIfs: [], status: 'at-risk', lastDay: '2021-07-30', atStakeUsd: 5000, missedUsd: 0, paidIn: 'FY2022 Q1' },
  // D3: booked 04-05, last day 07-04 (due 07-05 00:00). 7 days before is 06-28: the workflow has
  // escalated to the accountable roles; the lead's rung (07-02) is still ahead. Escalated.
  {
    deal: booked('D3', '2021-04-05', NORTHWIND, {}, [successPlanDeadline('2021-04-05', '2021-07-04', ['remind-half-window', 'remind-14-days', 'escalate-accountable'])]),
    milestone: 'adopt:success-plan',
    whatIfs: [],
    status: 'escalated',
    lastDay: '2021-07-04',
    atStakeUsd: 5000,
    missedUsd: 0,
    paidIn: 'FY2022 Q1',
  },
  // D4: booked 03-01, last day 05-30, no plan: missed; the $5,000 it would have paid counts as
  // missed in FY2022 Q1 (the quarter after FY2021 Q4, where 05-30 falls).
  { deal: booked('D4', '2021-03-01'), milestone: 'adopt:success-plan', whatIfs: [], status: 'missed', lastDay: '2021-05-30', atStakeUsd: 0, missedUsd: 5000, paidIn: 'FY2022 Q1' },
  // D5: booked 03-01, plan submitted 04-10, inside its window: earned $5,000, proven in FY2021
  // Q3 (Feb-Apr), paid in FY2021 Q4, the current quarter.
  {
    deal: booked('D5', '2021-03-01', NORTHWIND, { successPlan: { submittedOn: '2021-04-10', reference: 'PLAN-D5' } }),
    milestone: 'adopt:success-plan',
    whatIfs: [],
    status: 'earned',
    lastDay: '2021-05-30',
    atStakeUsd: 5000,
    missedUsd: 0,
    paidIn: 'FY2021 Q4',
  },
  // D6: D1's booking, but the what-if "slips 30 days": judged on 07-30, past the half-window
  // rung (07-16 12:00), before 14 days out (08-17). At risk instead of on track.
  { deal: booked('D6', '2021-06-01'), milestone: 'adopt:success-plan', whatIfs: [{ kind: 'slip', dealId: 'D6', days: 30 }], status: 'at-risk', lastDay: '2021-08-30', atStakeUsd: 5000, missedUsd: 0, paidIn: 'FY2022 Q2' },
  // D7: D3's window and fired rungs, with the what-if "extend adopt-success-plan by 30 days":
  // last day 08-03 (due 08-04). The rungs re-arm: half of the 121-day window (06-04 12:00) has
  // passed, 14 days before (07-21) and 7 days before (07-28) have not. At risk, no longer escalated.
  {
    deal: booked('D7', '2021-04-05', NORTHWIND, {}, [successPlanDeadline('2021-04-05', '2021-07-04', ['remind-half-window', 'remind-14-days', 'escalate-accountable'])]),
    milestone: 'adopt:success-plan',
    whatIfs: [{ kind: 'extend', dealId: 'D7', deadlineId: 'adopt-success-plan', days: 30 }],
    status: 'at-risk',
    lastDay: '2021-08-03',
    atStakeUsd: 5000,
    missedUsd: 0,
    paidIn: 'FY2022 Q2',
  },
  // D8: Fabrikam has no CX specialization, so Adopt pays nothing (the window is left out, see
  // the test); the what-if "Fabrikam becomes advanced" puts D1's $5,000 on track.
  { deal: booked('D8', '2021-06-01', FABRIKAM), milestone: 'adopt:success-plan', whatIfs: [{ kind: 'advanced', partnerId: 'fabrikam' }], status: 'on-track', lastDay: '2021-08-30', atStakeUsd: 5000, missedUsd: 0, paidIn: 'FY2022 Q2' },
  // D9: booked 03-01 (FY2021 Q3, ends 04-30), Use window 12 months from that quarter's end:
  // last day 2022-04-30. Telemetry on 04-10 shows 41 of 100 servers in Intersight (>= 35%):
  // earned $5,000, paid in FY2021 Q4.
  {
    deal: booked('D9', '2021-03-01', NORTHWIND, {
      usage: [{ id: 'ev-d9', useCase: 'intersight', observedOn: '2021-04-10', source: 'telemetry', metrics: { licensedServers: 100, claimedServers: 41 } }],
    }),
    milestone: 'use:intersight',
    whatIfs: [],
    status: 'earned',
    lastDay: '2022-04-30',
    atStakeUsd: 5000,
    missedUsd: 0,
    paidIn: 'FY2021 Q4',
  },
  // D10: booked 2020-07-10, plan in on 2020-08-01; business outcomes due within 12 months: last
  // day 2021-07-10 (due 07-11). 14 days before (06-27) has passed, 7 days before (07-04) has
  // not: at risk, $25,000 (Medium, non-EA), paid the quarter after FY2021 Q4: FY2022 Q1.
  {
    deal: booked('D10', '2020-07-10', NORTHWIND, { successPlan: { submittedOn: '2020-08-01', reference: 'PLAN-D10' } }),
    milestone: 'adopt:business-outcomes',
    whatIfs: [],
    status: 'at-risk',
    lastDay: '2021-07-10',
    atStakeUsd: 25000,
    missedUsd: 0,
    paidIn: 'FY2022 Q1',
  },
];
