import type { IsoDate } from '../domain/schemas/common';
import type { Deal } from '../domain/schemas/deal';
import type { Partner } from '../domain/schemas/partner';
import type { DealFacts } from './facts-schema';
import type { Program } from './program-schema';
import type { ClaimQuote, IneligibleReason } from './quote-schema';
import { evaluateIncentives, type CapStatus } from './rules/evaluate';
import { fromCents, toCents } from './rules/money';

/** A deal as its workflow recorded it: what it was booked with, under which program, and what happened since. */
export interface RecordedDeal {
  deal: Deal;
  partner: Partner;
  /** The program version the deal runs under. */
  program: Program;
  facts: DealFacts;
  /** The cap counter's answers for the deal; a what-if program with the same capped incentive reuses them. */
  capStatus?: Readonly<Partial<Record<string, CapStatus>>>;
  /** Both programs are evaluated as of this day: the deal's business today. */
  asOf?: IsoDate;
}

export interface MilestoneOutcome {
  eligible: boolean;
  amountUsd: number;
  reasonCode?: IneligibleReason;
  reason?: string;
}

/** One milestone side by side; a side is absent when its program has no such milestone for the deal. */
export interface RerunLine {
  milestone: string;
  label: string;
  own?: MilestoneOutcome;
  whatIf?: MilestoneOutcome;
  /** What-if minus own, eligible amounts only. */
  differenceUsd: number;
}

export interface ProgramVersion {
  id: string;
  version: number;
}

export interface Totals {
  ownUsd: number;
  whatIfUsd: number;
  differenceUsd: number;
}

export interface DealRerun {
  dealId: string;
  partnerId: string;
  asOf?: IsoDate;
  own: ProgramVersion;
  whatIf: ProgramVersion;
  lines: RerunLine[];
  totals: Totals;
}

function outcomeOf(quote: ClaimQuote): MilestoneOutcome {
  return {
    eligible: quote.eligible,
    amountUsd: quote.amountUsd,
    ...(quote.reasonCode !== undefined ? { reasonCode: quote.reasonCode } : {}),
    ...(quote.reason !== undefined ? { reason: quote.reason } : {}),
  };
}

function paidCents(outcome: MilestoneOutcome | undefined): number {
  return outcome?.eligible ? toCents(outcome.amountUsd) : 0;
}

function totalsOf(ownCents: number, whatIfCents: number): Totals {
  return { ownUsd: fromCents(ownCents), whatIfUsd: fromCents(whatIfCents), differenceUsd: fromCents(whatIfCents - ownCents) };
}

/**
 * What a recorded deal earns under its own program and what it would have earned under `whatIf`,
 * from the same facts, as of the same day. Milestones are matched by id (`adopt:success-plan`):
 * the deal's own program order first, then milestones only the what-if program has.
 */
export function rerunDeal(recorded: RecordedDeal, whatIf: Program): DealRerun {
  const { deal, partner, facts, capStatus, asOf } = recorded;
  const evaluate = (program: Program) => evaluateIncentives({ program, deal, partner, facts, asOf, capStatus });
  const own = evaluate(recorded.program);
  const other = new Map(evaluate(whatIf).map((q) => [q.milestone, q]));
  const lines: RerunLine[] = [];
  for (const quote of own) {
    const counterpart = other.get(quote.milestone);
    other.delete(quote.milestone);
    const line = { milestone: quote.milestone, label: quote.label, own: outcomeOf(quote), ...(counterpart ? { whatIf: outcomeOf(counterpart) } : {}) };
    lines.push({ ...line, differenceUsd: fromCents(paidCents(line.whatIf) - paidCents(line.own)) });
  }
  for (const quote of other.values()) {
    const whatIfOutcome = outcomeOf(quote);
    lines.push({ milestone: quote.milestone, label: quote.label, whatIf: whatIfOutcome, differenceUsd: fromCents(paidCents(whatIfOutcome)) });
  }
  const ownCents = lines.reduce((sum, l) => sum + paidCents(l.own), 0);
  const whatIfCents = lines.reduce((sum, l) => sum + paidCents(l.whatIf), 0);
  return {
    dealId: deal.id,
    partnerId: deal.partnerId,
    ...(asOf !== undefined ? { asOf } : {}),
    own: { id: recorded.program.id, version: recorded.program.version },
    whatIf: { id: whatIf.id, version: whatIf.version },
    lines,
    totals: totalsOf(ownCents, whatIfCents),
  };
}

/** The totals over several deals' reruns. */
export function rerunTotals(reruns: readonly DealRerun[]): Totals {
  const ownCents = reruns.reduce((sum, r) => sum + toCents(r.totals.ownUsd), 0);
  const whatIfCents = reruns.reduce((sum, r) => sum + toCents(r.totals.whatIfUsd), 0);
  return totalsOf(ownCents, whatIfCents);
}
