import { isoDateOfInstant } from '../../src/domain/calendar';
import { ladderOf, nextDueAt } from '../../src/domain/deadlines';
import { describeState } from '../../src/domain/lifecycle';
import { stakeholders } from '../../src/domain/raci';
import { dealValueUsd } from '../../src/incentives/rules/deal-values';
import type { DealPosition, DealRecord, DealView, DeadlineView } from '../deal-messages';
import type { TimelineEntry } from '../deal-state';
import { isoInstant } from './clock';
import type { DealContext } from './context';

/** What the deal shows about itself: its queries' answers and what its search attributes say. Pure. */

export const positionOf = (ctx: DealContext): DealPosition => describeState(ctx.lifecycle, ctx.memory.lifecycle);

export function deadlineViews(ctx: DealContext): DeadlineView[] {
  const now = ctx.clock.now();
  return ctx.memory.deadlines.map((d) => ({
    ...d,
    dueOn: isoDateOfInstant(d.dueAt - 1),
    timeLeftMs: d.dueAt - (d.paused?.at ?? d.closedAt ?? now),
    ladder: ladderOf(ctx.ladder, d, ctx.memory.enteredAt).map((step) => ({ ...step, at: isoInstant(step.at) })),
  }));
}

export const escalationsOf = (ctx: DealContext): TimelineEntry[] =>
  ctx.memory.timeline.filter((e) => e.type === 'deadline.reminder' || e.type === 'deadline.escalated' || e.type === 'deadline.breached');

export function dealView(ctx: DealContext): DealView {
  const { memory } = ctx;
  return {
    dealId: ctx.deal.id,
    partnerId: ctx.deal.partnerId,
    position: positionOf(ctx),
    team: memory.team,
    openHandoffs: memory.handoffs,
    deadlines: deadlineViews(ctx),
    escalations: escalationsOf(ctx),
    claims: memory.claims,
    ineligibleClaims: memory.ineligible,
    timeline: memory.timeline,
    ...(memory.closure ? { closure: memory.closure } : {}),
    now: isoInstant(ctx.clock.now()),
    timeShiftMs: memory.timeShiftMs,
  };
}

export function dealRecord(ctx: DealContext): DealRecord {
  const { memory } = ctx;
  return { deal: ctx.deal, partner: ctx.partner, program: ctx.program, facts: memory.facts, capStatus: memory.capStatus, today: ctx.clock.today() };
}

/** People (ids) who hold an open task: R or A of the current step or of an open handoff. */
export function openTaskOwners(ctx: DealContext): string[] {
  const { memory, playbook } = ctx;
  const owners = new Set<string>();
  const step = memory.lifecycle.context.currentStep;
  const subjects = [...(step ? [{ step }] : []), ...memory.handoffs.map((h) => ({ handoff: h.templateId }))];
  for (const subject of subjects) {
    const people = stakeholders(playbook, memory.team, subject);
    for (const p of [...people.responsible, ...people.accountable]) owners.add(p.id);
  }
  return [...owners].sort();
}

/** The values of Baton's search attributes for this deal, by attribute name. */
export function searchAttributeValues(ctx: DealContext): DealSearchAttributes {
  const state = positionOf(ctx);
  const { deal, memory } = ctx;
  const next = nextDueAt(memory.deadlines);
  return {
    dealId: deal.id,
    partner: deal.partnerId,
    architecture: deal.architecture,
    dealValue: dealValueUsd(deal.lineItems, memory.facts.expansions),
    stage: state.stage?.id ?? 'completed',
    step: state.step?.id ?? 'completed',
    openTaskOwners: openTaskOwners(ctx),
    nextDeadline: next === undefined ? null : new Date(next),
  };
}

export interface DealSearchAttributes {
  dealId: string;
  partner: string;
  architecture: string;
  dealValue: number;
  stage: string;
  step: string;
  openTaskOwners: string[];
  nextDeadline: Date | null;
}
