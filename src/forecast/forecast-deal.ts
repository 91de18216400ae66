import { addDays, instantAfterLastDay, type FiscalQuarter } from '../domain/calendar';
import { MS_PER_DAY, type Deadline } from '../domain/deadlines';
import type { EscalationLadder } from '../domain/playbook/schema';
import type { Deal } from '../domain/schemas/deal';
import type { Partner } from '../domain/schemas/partner';
import { parseMilestoneName, type ParsedMilestone } from '../incentives/milestone-ref';
import type { Incentive, Milestone, Program } from '../incentives/program-schema';
import type { ClaimQuote } from '../incentives/quote-schema';
import { evaluateIncentives } from '../incentives/rules/evaluate';
import { expectedPayoutQuarter } from '../incentives/rules/payout-quarter';
import { tierOf } from '../incentives/rules/tiers';
import type { DealBooking } from './deal-booking';
import { potentialUsd } from './potential';
import type { WindowForecast } from './window-forecast';
import { awaitsProof, openWindowStatus } from './window-status';
import type { WhatIf } from './what-if';

/** What the forecast reads of one deal: its row in the read model, narrowed to what it uses. */
export interface ForecastDeal {
  workflowId: string;
  partnerId: string;
  dealId: string;
  customerName: string;
  architecture: string;
  stage: string;
  booking: DealBooking;
  view: {
    team: Partial<Record<string, readonly { id: string }[]>>;
    deadlines: readonly Deadline[];
    claims: readonly { milestone: string }[];
  };
}

export interface DealRules {
  program: Program;
  ladder: EscalationLadder;
}

const paidIn = (quarter: FiscalQuarter): { paidIn: string; paidInEndsOn: string } => ({ paidIn: quarter.label, paidInEndsOn: quarter.endsOn });

type Priced = { quote: ClaimQuote; found: ParsedMilestone<Incentive, Milestone> | undefined };

/**
 * What each milestone still awaiting proof would pay if proven now. One milestone of an
 * exclusive group is paid per deal, so in a group only the best-paying counts, and none once one
 * of the group is earned.
 */
function potentialsOf(open: readonly Priced[], booked: Deal, partner: Partner): Map<ClaimQuote, number> {
  const amounts = new Map<ClaimQuote, number>();
  const best = new Map<string, ClaimQuote>();
  const earnedGroups = new Set(open.filter((o) => o.quote.eligible).map((o) => o.found?.milestone.exclusiveGroup));
  for (const { quote, found } of open) {
    if (!found || quote.eligible || !awaitsProof(quote.reasonCode)) continue;
    const { incentive, milestone } = found;
    const tier = incentive.tiers && tierOf(incentive.tiers, incentive.eligibility, booked);
    const amount = potentialUsd(milestone.payout, { deal: booked, partner, label: milestone.label, tier });
    const group = milestone.exclusiveGroup;
    const current = group === undefined ? undefined : best.get(group);
    if (group !== undefined && (earnedGroups.has(group) || (current !== undefined && amounts.get(current)! >= amount))) {
      amounts.set(quote, 0);
      continue;
    }
    if (current) amounts.set(current, 0);
    if (group !== undefined) best.set(group, quote);
    amounts.set(quote, amount);
  }
  return amounts;
}

/** The what-ifs that touch this deal, folded: days slipped, per-deadline extensions, advanced partner. */
function whatIfsFor(deal: ForecastDeal, whatIfs: readonly WhatIf[]): { slip: number; extend: Map<string, number>; advanced: boolean } {
  const extend = new Map<string, number>();
  let slip = 0;
  let advanced = false;
  for (const w of whatIfs) {
    if (w.kind === 'slip' && w.dealId === deal.dealId) slip += w.days;
    if (w.kind === 'extend' && w.dealId === deal.dealId) extend.set(w.deadlineId, (extend.get(w.deadlineId) ?? 0) + w.days);
    if (w.kind === 'advanced' && w.partnerId === deal.partnerId) advanced = true;
  }
  return { slip, extend, advanced };
}

/**
 * Every incentive window of one deal on `asOf`: its quoted amount (exactly `baton quote`'s on the
 * same facts and day), the dollars at stake, its last day, its status and the quarter it pays
 * in. Windows the deal can never earn (specialization, minimum, cap, superseded) are left out.
 * Pure: the same rows, rules, day and what-ifs always give the same answer.
 */
export function forecastDeal(deal: ForecastDeal, rules: DealRules, asOf: string, whatIfs: readonly WhatIf[] = []): WindowForecast[] {
  const { program, ladder } = rules;
  const changes = whatIfsFor(deal, whatIfs);
  const partner: Partner = changes.advanced ? { ...deal.booking.partner, specialization: 'advanced' } : deal.booking.partner;
  const day = changes.slip === 0 ? asOf : addDays(asOf, changes.slip);
  const { deal: booked, facts, capStatus } = deal.booking;
  const quotes = evaluateIncentives({ program, deal: booked, partner, facts, asOf: day, capStatus, claimed: deal.view.claims.map((c) => c.milestone) });
  const owner = deal.view.team.AM?.[0]?.id ?? 'unassigned';
  const bookedAt = instantAfterLastDay(booked.bookedOn) - MS_PER_DAY;

  const open = quotes.map((quote) => ({ quote, found: parseMilestoneName(program, quote.milestone) }));
  const potentials = potentialsOf(open, booked, partner);

  const forecasts: WindowForecast[] = [];
  for (const { quote, found } of open) {
    if (!found || quote.deadline === undefined) continue;
    if (!quote.eligible && !awaitsProof(quote.reasonCode)) continue;
    const deadline = deal.view.deadlines.find((d) => d.kind === 'incentive' && d.milestones?.includes(found.ref));
    const windowId = deadline?.id ?? quote.milestone;
    const extendedBy = changes.extend.get(windowId) ?? 0;
    const lastDay = addDays(quote.deadline, extendedBy);
    const base = {
      workflowId: deal.workflowId,
      partnerId: deal.partnerId,
      dealId: deal.dealId,
      customerName: deal.customerName,
      architecture: deal.architecture,
      stage: deal.stage,
      owner,
      incentive: quote.incentive,
      milestone: quote.milestone,
      label: quote.label,
      windowId,
      lastDay,
      quotedUsd: quote.amountUsd,
    };
    if (quote.eligible) {
      forecasts.push({
        ...base,
        status: 'earned',
        atStakeUsd: quote.amountUsd,
        missedUsd: 0,
        ...paidIn(expectedPayoutQuarter(quote.provenOn ?? day, program)),
        why: `proven on ${quote.provenOn ?? day}`,
      });
      continue;
    }
    const potential = potentials.get(quote) ?? 0;
    const { status, why } = openWindowStatus(ladder, { deadline, startsAt: bookedAt, lastDay, extendedBy }, day);
    const missed = status === 'missed';
    forecasts.push({
      ...base,
      status,
      atStakeUsd: missed ? 0 : potential,
      missedUsd: missed ? potential : 0,
      ...paidIn(expectedPayoutQuarter(lastDay, program)),
      why: why ?? quote.reason ?? 'open',
    });
  }
  return forecasts;
}

/** The read model's `atStakeUsd`: what the deal's open windows can still pay, on its business day. */
export function dealAtStakeUsd(deal: ForecastDeal, rules: DealRules, asOf: string): number {
  const cents = forecastDeal(deal, rules, asOf)
    .filter((w) => w.status !== 'earned' && w.status !== 'missed')
    .reduce((sum, w) => sum + Math.round(w.atStakeUsd * 100), 0);
  return cents / 100;
}
