import { fiscalQuarterOf } from '../domain/calendar';
import { forecastDeal, type DealRules, type ForecastDeal } from './forecast-deal';
import { WINDOW_STATUSES, type WindowForecast, type WindowStatus } from './window-forecast';
import type { WhatIf } from './what-if';

export const FORECAST_GROUPINGS = ['quarter', 'partner', 'owner', 'architecture', 'stage'] as const;
export type ForecastGrouping = (typeof FORECAST_GROUPINGS)[number];

export interface ForecastQuestion {
  /** The business day the forecast is made on. */
  asOf: string;
  /** The last day a window may close on to be forecast. */
  until: string;
  by: ForecastGrouping;
  whatIfs: readonly WhatIf[];
}

export interface ForecastTotal {
  key: string;
  earnedUsd: number;
  /** Open windows' dollars: on track, at risk and escalated. */
  atStakeUsd: number;
  atRiskUsd: number;
  missedUsd: number;
  windows: Record<WindowStatus, number>;
}

export interface Forecast {
  asOf: string;
  until: string;
  by: ForecastGrouping;
  windows: WindowForecast[];
  totals: ForecastTotal[];
  /** Deals read, and those the forecast could not price (projected before bookings were kept, or an unknown program). */
  deals: { read: number; unpriced: string[] };
}

/** The rules a deal runs under, or undefined when they are not known here (its program file is gone). */
export type RulesOf = (deal: ForecastDeal) => DealRules | undefined;

const keyOf = (w: WindowForecast, by: ForecastGrouping): string =>
  by === 'quarter' ? w.paidIn : by === 'partner' ? w.partnerId : by === 'owner' ? w.owner : by === 'architecture' ? w.architecture : w.stage;

const toCents = (usd: number): number => Math.round(usd * 100);

/**
 * A window is forecast when it is still open and closes by `until`; once decided (earned or
 * missed) it is forecast while the quarter it pays in is not over: money still to come, or lost
 * this quarter.
 */
function inView(w: WindowForecast, q: ForecastQuestion, currentQuarterStart: string): boolean {
  if (w.status === 'earned' || w.status === 'missed') return w.paidInEndsOn >= currentQuarterStart;
  return w.lastDay <= q.until;
}

function totalsOf(windows: readonly WindowForecast[], by: ForecastGrouping): ForecastTotal[] {
  const groups = new Map<string, { earned: number; atStake: number; atRisk: number; missed: number; windows: Record<WindowStatus, number> }>();
  for (const w of windows) {
    const key = keyOf(w, by);
    const g = groups.get(key) ?? { earned: 0, atStake: 0, atRisk: 0, missed: 0, windows: Object.fromEntries(WINDOW_STATUSES.map((s) => [s, 0])) as Record<WindowStatus, number> };
    g.windows[w.status] += 1;
    if (w.status === 'earned') g.earned += toCents(w.atStakeUsd);
    else if (w.status === 'missed') g.missed += toCents(w.missedUsd);
    else {
      g.atStake += toCents(w.atStakeUsd);
      if (w.status !== 'on-track') g.atRisk += toCents(w.atStakeUsd);
    }
    groups.set(key, g);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, g]) => ({ key, earnedUsd: g.earned / 100, atStakeUsd: g.atStake / 100, atRiskUsd: g.atRisk / 100, missedUsd: g.missed / 100, windows: g.windows }));
}

/**
 * The portfolio forecast: every open deal's incentive windows closing by `until`, with totals by
 * the chosen grouping. Pure (no clock, no I/O): rows, rules, day and what-ifs in, answer out, so
 * a what-if is the same computation on altered inputs and changes nothing.
 */
export function forecastPortfolio(deals: Iterable<ForecastDeal | { workflowId: string; booking: null }>, rulesOf: RulesOf, question: ForecastQuestion): Forecast {
  const windows: WindowForecast[] = [];
  const unpriced: string[] = [];
  let read = 0;
  let currentQuarterStart: string | undefined;
  for (const deal of deals) {
    read += 1;
    const rules = deal.booking === null ? undefined : rulesOf(deal as ForecastDeal);
    if (!rules) {
      unpriced.push(deal.workflowId);
      continue;
    }
    currentQuarterStart ??= fiscalQuarterOf(question.asOf, rules.program.fiscalYearStartMonth).startsOn;
    for (const w of forecastDeal(deal as ForecastDeal, rules, question.asOf, question.whatIfs)) {
      if (inView(w, question, currentQuarterStart)) windows.push(w);
    }
  }
  windows.sort((a, b) => a.lastDay.localeCompare(b.lastDay) || a.workflowId.localeCompare(b.workflowId) || a.milestone.localeCompare(b.milestone));
  return { asOf: question.asOf, until: question.until, by: question.by, windows, totals: totalsOf(windows, question.by), deals: { read, unpriced } };
}
