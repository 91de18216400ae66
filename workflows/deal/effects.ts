import { instantAfterLastDay } from '../../src/domain/calendar';
import { MS_PER_DAY, extendDeadline, pauseDeadline, resumeDeadline } from '../../src/domain/deadlines';
import { decide, type LifecycleEffect, type LifecycleEvent } from '../../src/domain/lifecycle';
import { stakeholders } from '../../src/domain/raci';
import type { UserAction } from '../../src/domain/schemas/actions';
import type { DealFacts } from '../../src/incentives/facts-schema';
import { totalUsd } from '../../src/incentives/rules/deal-values';
import type { TimelineEntry } from '../deal-state';
import { isoInstant } from './clock';
import type { DealContext } from './context';
import { closeDeadline, findDeadline, renewalOwnedBy, replaceDeadline } from './deadline-book';
import { applyCorrection } from './corrections';
import { startHandoff } from './handoffs';
import { applyTeamChange } from './team-changes';
import { notify, recipientsOf, record } from './timeline';

/**
 * The interpreter of the lifecycle's effects: each effect the statechart returns becomes
 * timeline entries, facts, deadline changes and queued work. Pure but for the context it
 * changes: no Temporal call happens here. `facts` are the deal's facts with the action's fact
 * recorded under its identity (runs that judge facts by identity); other runs record it as
 * they always did.
 */
export function applyEffects(ctx: DealContext, effects: LifecycleEffect[], action?: UserAction, by?: string, facts?: DealFacts): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const add = (entry: TimelineEntry | undefined) => entry && entries.push(entry);
  const { memory, playbook } = ctx;
  for (const effect of effects) {
    switch (effect.type) {
      case 'stage.entered':
        add(record(ctx, 'stage.entered', { stage: effect.stage, name: playbook.stages.find((s) => s.id === effect.stage)?.name }));
        break;
      case 'step.entered':
        add(record(ctx, 'step.entered', { step: effect.step }));
        break;
      case 'step.completed':
      case 'step.recorded':
        add(record(ctx, effect.type, { step: effect.step }, effect.by));
        if (renewalOwnedBy(ctx, effect.step)) closeDeadline(ctx, 'renewal', { by: effect.by });
        break;
      case 'handoff.start':
        add(startHandoff(ctx, effect.templateId, effect.instance));
        break;
      case 'handoff.accepted':
      case 'handoff.returned':
        add(concludeHandoff(ctx, effect, by));
        break;
      case 'successPlan.recorded': {
        const first = effect.version === 1;
        const entry = record(ctx, first ? 'successPlan.submitted' : 'successPlan.revised', { version: effect.version }, effect.by);
        add(entry);
        if (facts) memory.facts = facts;
        if (first) {
          if (!facts) memory.facts.successPlan = { submittedOn: ctx.clock.today() };
          memory.factEvents.successPlan = entry.id;
          ctx.work.push({ kind: 'claims' });
        }
        break;
      }
      case 'outcomes.recorded': {
        const report = action?.type === 'outcomes.record' ? action.report : undefined;
        const reportId = action?.type === 'outcomes.record' ? action.reportId : undefined;
        const entry = record(ctx, 'outcomes.recorded', { kpis: report?.results.length ?? 0, confirmation: report?.confirmation?.kind, reportId }, effect.by);
        add(entry);
        memory.facts = facts ?? { ...memory.facts, businessOutcomes: { reportedOn: ctx.clock.today(), confirmation: report?.confirmation } };
        memory.factEvents.outcomes = entry.id;
        ctx.work.push({ kind: 'claims' });
        break;
      }
      case 'usage.recorded': {
        if (action?.type !== 'usage.record') break;
        const evidence = action.evidence;
        const entry = record(ctx, 'usage.recorded', { evidenceId: evidence.id, useCase: evidence.useCase, source: evidence.source, observedOn: evidence.observedOn }, effect.by);
        add(entry);
        if (facts) memory.facts = facts;
        else memory.facts.usage.push(evidence);
        memory.factEvents[`usage:${evidence.id}`] = entry.id;
        ctx.work.push({ kind: 'claims' });
        const { licensedUsers, activeUsers } = evidence.metrics;
        if (licensedUsers !== undefined && activeUsers !== undefined && licensedUsers > 0) {
          entries.push(...applySystemEvent(ctx, { type: 'health.observed', utilisation: activeUsers / licensedUsers }));
        }
        break;
      }
      case 'expansion.recorded': {
        if (action?.type !== 'expansion.book') break;
        const n = memory.facts.expansions.length + 1;
        const entry = record(ctx, 'expansion.booked', { orderRef: action.orderRef, bookedOn: action.bookedOn, occurrence: n, valueUsd: totalUsd(action.lineItems) }, effect.by);
        add(entry);
        if (facts) memory.facts = facts;
        else memory.facts.expansions.push({ bookedOn: action.bookedOn, lineItems: action.lineItems });
        memory.factEvents[`expansion:${n}`] = entry.id;
        ctx.work.push({ kind: 'claims' });
        break;
      }
      case 'attestation.recorded': {
        if (action?.type !== 'attestation.record' || !facts) break;
        const entry = record(ctx, 'attestation.recorded', { attestation: effect.attestation, reference: action.evidence.reference }, effect.by);
        add(entry);
        memory.facts = facts;
        memory.factEvents[`attestation:${effect.attestation}`] = entry.id;
        ctx.work.push({ kind: 'claims' });
        break;
      }
      case 'health.recorded':
        add(record(ctx, 'health.observed', { healthScore: effect.healthScore, utilisation: effect.utilisation, ...(effect.renewalRisk ? { renewalRisk: effect.renewalRisk } : {}) }));
        break;
      case 'team.reassign': {
        const people = (memory.team[effect.role] ?? []).filter((p) => p.id.toLowerCase() !== effect.from.toLowerCase());
        memory.team = { ...memory.team, [effect.role]: [...people, effect.to] };
        add(record(ctx, 'owner.reassigned', { role: effect.role, from: effect.from, to: effect.to.id }, effect.by));
        ctx.work.push({ kind: 'team-changed' });
        break;
      }
      case 'deadline.extend':
      case 'deadline.pause':
      case 'deadline.resume':
        add(moveDeadline(ctx, effect));
        break;
      case 'booking.amended':
      case 'evidence.retracted':
      case 'claim.withdrawn':
      case 'deal.closed':
        add(applyCorrection(ctx, effect));
        break;
      case 'team.added':
      case 'team.removed':
      case 'team.handedOver':
        add(applyTeamChange(ctx, effect));
        break;
      case 'lifecycle.completed':
        add(record(ctx, 'lifecycle.completed'));
        break;
    }
  }
  ctx.changed = true;
  return entries;
}

/** An event from the deal itself (a timer, a trigger, a handoff's answer) through the statechart. */
export function applySystemEvent(ctx: DealContext, event: LifecycleEvent, by?: string): TimelineEntry[] {
  const decision = decide(ctx.lifecycle, ctx.memory.lifecycle, event, { team: ctx.memory.team });
  if (!decision.accepted) {
    ctx.log('system event not applied', { event: event.type, reason: decision.reason });
    return [];
  }
  ctx.memory.lifecycle = decision.state;
  return applyEffects(ctx, decision.effects, undefined, by);
}

type HandoffConcluded = Extract<LifecycleEffect, { type: 'handoff.accepted' | 'handoff.returned' }>;

/** Accepted: the handoff leaves the deal and its SLA is met. Returned: its Responsible people hear why. */
function concludeHandoff(ctx: DealContext, effect: HandoffConcluded, by: string | undefined): TimelineEntry {
  const { memory } = ctx;
  const handoff = memory.handoffs.find((h) => h.templateId === effect.templateId && h.instance === effect.instance);
  const detail = { templateId: effect.templateId, instance: effect.instance, ...(effect.type === 'handoff.returned' ? { reason: effect.reason } : {}) };
  const entry = record(ctx, effect.type, detail, by);
  if (effect.type === 'handoff.accepted') {
    memory.handoffs = memory.handoffs.filter((h) => h !== handoff);
    if (handoff) closeDeadline(ctx, handoff.deadlineId, { by });
  } else if (handoff) {
    handoff.status = 'returned';
    const people = stakeholders(ctx.playbook, memory.team, { handoff: effect.templateId }).responsible;
    notify(ctx, {
      idempotencyKey: `${handoff.workflowId}:returned:${memory.timeline.length}`,
      kind: 'handoff.returned',
      title: `Returned for information: ${handoff.name}`,
      body: `${ctx.deal.customer.name} (${ctx.deal.id}): ${by ?? 'the receiving side'} returned the handoff: ${effect.reason}`,
      recipients: recipientsOf(ctx, people),
    });
  }
  return entry;
}

type DeadlineMoved = Extract<LifecycleEffect, { type: 'deadline.extend' | 'deadline.pause' | 'deadline.resume' }>;

/** Extend, pause or resume one deadline, with who and why on the timeline. */
function moveDeadline(ctx: DealContext, effect: DeadlineMoved): TimelineEntry {
  const deadline = findDeadline(ctx, effect.deadlineId)!;
  const now = ctx.clock.now();
  switch (effect.type) {
    case 'deadline.extend': {
      const dueAt = effect.until !== undefined ? instantAfterLastDay(effect.until) : deadline.dueAt + (effect.days ?? 0) * MS_PER_DAY;
      const extension = { by: effect.by, reason: effect.reason, at: isoInstant(now), fromDueAt: isoInstant(deadline.dueAt), toDueAt: isoInstant(dueAt) };
      replaceDeadline(ctx, extendDeadline(ctx.ladder, deadline, dueAt, extension, now));
      return record(ctx, 'deadline.extended', { deadlineId: deadline.id, label: deadline.label, reason: effect.reason, fromDueAt: extension.fromDueAt, toDueAt: extension.toDueAt }, effect.by);
    }
    case 'deadline.pause':
      replaceDeadline(ctx, pauseDeadline(deadline, { at: now, by: effect.by, reason: effect.reason }));
      return record(ctx, 'deadline.paused', { deadlineId: deadline.id, label: deadline.label, reason: effect.reason }, effect.by);
    case 'deadline.resume': {
      const resumed = resumeDeadline(ctx.ladder, deadline, now);
      replaceDeadline(ctx, resumed);
      return record(ctx, 'deadline.resumed', { deadlineId: deadline.id, label: deadline.label, reason: effect.reason, toDueAt: isoInstant(resumed.dueAt) }, effect.by);
    }
  }
}
