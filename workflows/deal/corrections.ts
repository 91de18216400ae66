import { instantAfterLastDay } from '../../src/domain/calendar';
import { MS_PER_DAY } from '../../src/domain/deadlines';
import type { LifecycleEffect } from '../../src/domain/lifecycle';
import { incentiveDeadlines } from '../../src/incentives/incentive-deadlines';
import { outcomesConfirmed, retractFact } from '../../src/incentives/facts/retract-fact';
import { totalUsd } from '../../src/incentives/rules/deal-values';
import { evaluateIncentives } from '../../src/incentives/rules/evaluate';
import type { DealClaim, TimelineEntry } from '../deal-state';
import { isoInstant } from './clock';
import type { DealContext, DealUserAction } from './context';
import { record } from './timeline';

/**
 * Corrections of what was entered by mistake: the booking amended, evidence retracted, a claim
 * withdrawn, the deal closed as lost or cancelled. Each is refused while something that depends
 * on it stands (a submitted claim), and each is recorded on the timeline with who and why.
 */

const live = (ctx: DealContext): DealClaim[] => ctx.memory.claims.filter((c) => !c.withdrawn);
const named = (claims: DealClaim[]): string => claims.map((c) => `${c.claim.claimId} (${c.milestone})`).join(', ');

/** The claims standing on a fact: its evidence or its timeline event is in their proof. */
function claimsOn(ctx: DealContext, fact: { kind: 'usage' | 'business-outcomes'; id: string }): DealClaim[] {
  const events = ctx.memory.timeline
    .filter((e) => (fact.kind === 'usage' ? e.type === 'usage.recorded' && e.evidenceId === fact.id : e.type === 'outcomes.recorded' && e.reportId === fact.id))
    .map((e) => e.id);
  return live(ctx).filter(
    (c) => c.claim.trace.some((t) => events.includes(t.eventId)) || (fact.kind === 'usage' && c.claim.evidence.some((e) => e.kind === 'usage-evidence' && e.id === fact.id)),
  );
}

/** The facts on the deal with the dates they claim: a booking cannot move past them. */
function datedFacts(ctx: DealContext): { what: string; on: string }[] {
  const { facts } = ctx.memory;
  const reports = [...(facts.earlierOutcomesReports ?? []), ...(facts.businessOutcomes ? [facts.businessOutcomes] : [])];
  return [
    ...(facts.successPlan ? [{ what: 'the success plan', on: facts.successPlan.submittedOn }] : []),
    ...reports.map((r) => ({ what: `outcomes report ${r.reportId ?? ''}`.trim(), on: r.reportedOn })),
    ...facts.usage.map((e) => ({ what: `usage evidence ${e.id}`, on: e.observedOn })),
    ...facts.expansions.map((e) => ({ what: `expansion ${e.orderRef ?? ''}`.trim(), on: e.bookedOn })),
  ];
}

/** Why the deal's records forbid the correction (or any action once closed); undefined when they allow it. */
export function correctionRefusal(ctx: DealContext, action: DealUserAction): string | undefined {
  const { closure } = ctx.memory;
  if (closure) return `the deal was closed as ${closure.outcome} by ${closure.by} (${closure.reason}): it takes no more actions`;
  switch (action.type) {
    case 'booking.amend': {
      const standing = live(ctx);
      if (standing.length > 0) return `the booking cannot be amended while claims earned on it stand: ${named(standing)}; withdraw them first`;
      if (action.bookedOn === undefined) return undefined;
      if (action.bookedOn > ctx.clock.today()) return `bookedOn ${action.bookedOn} is after the deal's today ${ctx.clock.today()}`;
      const earlier = datedFacts(ctx).filter((f) => f.on < action.bookedOn!);
      return earlier.length > 0 ? `bookedOn ${action.bookedOn} is after facts recorded on the deal: ${earlier.map((f) => `${f.what} (${f.on})`).join(', ')}` : undefined;
    }
    case 'evidence.retract': {
      const what = action.fact.kind === 'usage' ? `usage evidence ${action.fact.id}` : `outcomes report ${action.fact.id}`;
      if (!retractFact(ctx.memory.facts, action.fact)) return `there is no ${what} on this deal`;
      const standing = claimsOn(ctx, action.fact);
      return standing.length > 0 ? `${what} earned ${named(standing)}: withdraw the claim first` : undefined;
    }
    case 'claim.withdraw': {
      const claim = ctx.memory.claims.find((c) => c.claim.claimId === action.claimId);
      if (!claim) return `there is no claim ${action.claimId} on this deal (claims: ${ctx.memory.claims.map((c) => c.claim.claimId).join(', ') || 'none'})`;
      return claim.withdrawn ? `claim ${action.claimId} was already withdrawn by ${claim.withdrawn.by}` : undefined;
    }
    default:
      return undefined;
  }
}

type Correction = Extract<LifecycleEffect, { type: 'booking.amended' | 'evidence.retracted' | 'claim.withdrawn' | 'deal.closed' }>;

/** Carries out an accepted correction: the deal's records, its timeline, and the work it asks for. */
export function applyCorrection(ctx: DealContext, effect: Correction): TimelineEntry {
  switch (effect.type) {
    case 'booking.amended':
      return amendBooking(ctx, effect);
    case 'evidence.retracted': {
      const { memory } = ctx;
      memory.facts = retractFact(memory.facts, effect.fact)!;
      if (effect.fact.kind === 'usage') delete memory.factEvents[`usage:${effect.fact.id}`];
      // The lifecycle counts what is still recorded; steps already completed stay completed.
      const context = { ...memory.lifecycle.context, usageRecords: memory.facts.usage.length, outcomesConfirmed: outcomesConfirmed(memory.facts) };
      memory.lifecycle = { ...memory.lifecycle, context };
      ctx.work.push({ kind: 'claims' });
      return record(ctx, 'evidence.retracted', { kind: effect.fact.kind, factId: effect.fact.id, reason: effect.reason }, effect.by);
    }
    case 'claim.withdrawn': {
      const claim = ctx.memory.claims.find((c) => c.claim.claimId === effect.claimId)!;
      const at = isoInstant(ctx.clock.now());
      claim.withdrawn = { at, by: effect.by, reason: effect.reason };
      claim.claim = { ...claim.claim, status: 'withdrawn', statusHistory: [...claim.claim.statusHistory, { status: 'withdrawn', at, note: effect.reason }] };
      ctx.work.push({ kind: 'withdraw-claim', claimId: effect.claimId, reason: effect.reason, by: effect.by });
      return record(ctx, 'claim.withdrawn', { claimId: effect.claimId, milestone: claim.milestone, amountUsd: claim.claim.amountUsd, reason: effect.reason }, effect.by);
    }
    case 'deal.closed':
      return closeDeal(ctx, effect);
  }
}

/** The booking as it should have been; a new booking date moves the incentive windows still open. */
function amendBooking(ctx: DealContext, effect: Extract<Correction, { type: 'booking.amended' }>): TimelineEntry {
  const { memory, program, playbook, partner } = ctx;
  const before = ctx.deal;
  const deal = { ...before, ...(effect.lineItems ? { lineItems: effect.lineItems } : {}), ...(effect.bookedOn ? { bookedOn: effect.bookedOn } : {}) };
  memory.booking = deal;
  ctx.deal = deal;
  const quotes = evaluateIncentives({ program, deal, partner, facts: memory.facts, asOf: deal.bookedOn });
  const windows = incentiveDeadlines(program, playbook, quotes, instantAfterLastDay(deal.bookedOn) - MS_PER_DAY);
  const open = (id: string) => memory.deadlines.find((d) => d.id === id && d.kind === 'incentive' && d.status === 'open');
  for (const window of windows) {
    const existing = open(window.id);
    if (existing) Object.assign(existing, { startsAt: window.startsAt, dueAt: window.dueAt, milestones: window.milestones });
    else if (!memory.deadlines.some((d) => d.id === window.id)) memory.deadlines.push(window);
  }
  ctx.work.push({ kind: 'claims' });
  return record(
    ctx,
    'booking.amended',
    {
      reason: effect.reason,
      ...(effect.bookedOn ? { fromBookedOn: before.bookedOn, toBookedOn: deal.bookedOn } : {}),
      ...(effect.lineItems ? { fromValueUsd: totalUsd(before.lineItems), toValueUsd: totalUsd(deal.lineItems), lineItems: deal.lineItems.length } : {}),
    },
    effect.by,
  );
}

/** Lost or cancelled: every timer stops, every open handoff is closed, nothing more is claimed. */
function closeDeal(ctx: DealContext, effect: Extract<Correction, { type: 'deal.closed' }>): TimelineEntry {
  const { memory } = ctx;
  const now = ctx.clock.now();
  memory.closure = { outcome: effect.outcome, reason: effect.reason, by: effect.by, at: isoInstant(now) };
  const stopped = memory.deadlines.filter((d) => d.status === 'open');
  memory.deadlines = memory.deadlines.map((d) => (d.status === 'open' ? { ...d, status: 'cancelled', paused: undefined, closedAt: now } : d));
  const handoffs = memory.handoffs;
  memory.handoffs = [];
  if (handoffs.length > 0) ctx.work.push({ kind: 'close-handoffs', workflowIds: handoffs.map((h) => h.workflowId), reason: effect.reason, by: effect.by });
  return record(
    ctx,
    'deal.closed',
    { outcome: effect.outcome, reason: effect.reason, deadlinesStopped: stopped.map((d) => d.id), handoffsClosed: handoffs.map((h) => h.templateId) },
    effect.by,
  );
}
