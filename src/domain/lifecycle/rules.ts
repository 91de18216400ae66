import { addDays } from '../calendar';
import type { IsoDate } from '../schemas/common';
import type { ExitCriterion, HandoffTemplate, HandoffTrigger, Playbook } from '../playbook/schema';
import { findHandoff, findStep, stepsInOrder } from '../playbook/queries';
import type { HandoffProgress, HandoffStatus, LifecycleContext, LifecycleEffect, LifecycleEvent } from './types';
import type { RenewalRiskLevel } from '../health/risk';

/**
 * The lifecycle's domain rules as pure functions of (playbook, facts, event). The statechart's
 * guards and the `decide` API both call them, so what the machine refuses is exactly what gets
 * a human reason.
 */

function unmetCriterion(context: LifecycleContext, criterion: ExitCriterion): string | undefined {
  switch (criterion.kind) {
    case 'handoff-accepted':
      return context.handoffs[criterion.handoff]?.status === 'accepted' ? undefined : `the ${criterion.handoff} handoff has not been accepted`;
    case 'success-plan-submitted':
      return context.successPlanVersion > 0 ? undefined : 'no success plan has been submitted';
    case 'business-outcomes-confirmed':
      return context.outcomesConfirmed ? undefined : 'no business outcomes confirmed by the customer have been recorded';
    case 'usage-recorded':
      return context.usageRecords > 0 ? undefined : 'no usage evidence has been recorded';
    case 'expansion-booked':
      return context.expansionBookings > 0 ? undefined : 'no expansion has been booked';
  }
}

/** Human reasons why the step's exit criteria are not met yet; empty when it may complete. */
export function unmetExitCriteria(playbook: Playbook, context: LifecycleContext, stepId: string): string[] {
  const criteria = findStep(playbook, stepId)?.step.exitCriteria ?? [];
  return criteria.map((c) => unmetCriterion(context, c)).filter((r): r is string => r !== undefined);
}

/** A step before the playbook's entry step: optional history, recorded rather than walked through. */
export function isBeforeEntry(playbook: Playbook, stepId: string): boolean {
  const step = findStep(playbook, stepId);
  const entry = findStep(playbook, playbook.entryStep);
  return step !== undefined && entry !== undefined && step.index < entry.index;
}

function stepCompletionRefusal(playbook: Playbook, context: LifecycleContext, stepId: string): string | undefined {
  const placed = findStep(playbook, stepId);
  if (!placed) return `there is no step "${stepId}" in playbook ${playbook.id}`;
  const name = placed.step.name;
  if (context.currentStep === stepId) {
    const unmet = unmetExitCriteria(playbook, context, stepId);
    return unmet.length > 0 ? `${name} cannot complete: ${unmet.join('; ')}` : undefined;
  }
  if (context.completedSteps.includes(stepId) || context.recordedSteps.includes(stepId)) return `${name} is already complete`;
  if (isBeforeEntry(playbook, stepId)) return undefined;
  const current = context.currentStep === null ? undefined : findStep(playbook, context.currentStep);
  return `${name} cannot complete yet: the deal is at ${current?.step.name ?? 'the end of its lifecycle'}`;
}

const inProgress = (progress: HandoffProgress | undefined): boolean => progress?.status === 'open' || progress?.status === 'returned';

function templatesTriggeredBy<K extends HandoffTrigger['on']>(playbook: Playbook, on: K): Array<HandoffTemplate & { trigger: Extract<HandoffTrigger, { on: K }> }> {
  return playbook.handoffs.filter((h): h is HandoffTemplate & { trigger: Extract<HandoffTrigger, { on: K }> } => h.trigger.on === on);
}

/** Handoffs that start when the deal enters `stepId`. */
export function handoffsOnEntry(playbook: Playbook, stepId: string): HandoffTemplate[] {
  return templatesTriggeredBy(playbook, 'step-entered').filter((h) => h.trigger.step === stepId);
}

/** Handoffs a health observation starts: below a threshold, deal at or past `fromStep`, none running. */
export function handoffsOnLowHealth(playbook: Playbook, context: LifecycleContext, observed: { healthScore?: number; utilisation?: number }): HandoffTemplate[] {
  const current = context.currentStep === null ? undefined : findStep(playbook, context.currentStep);
  if (!current) return [];
  return templatesTriggeredBy(playbook, 'health-low').filter((h) => {
    const from = findStep(playbook, h.trigger.fromStep);
    if (!from || current.index < from.index || inProgress(context.handoffs[h.id])) return false;
    const lowScore = h.trigger.healthScoreBelow !== undefined && observed.healthScore !== undefined && observed.healthScore < h.trigger.healthScoreBelow;
    const lowUse = h.trigger.utilisationBelow !== undefined && observed.utilisation !== undefined && observed.utilisation < h.trigger.utilisationBelow;
    return lowScore || lowUse;
  });
}

/** Handoffs a computed renewal risk starts early: renewal handoffs not started yet whose `earlyOnRisk` names the level, deal at or past its step. */
export function handoffsOnRenewalRisk(playbook: Playbook, context: LifecycleContext, level: RenewalRiskLevel | undefined): HandoffTemplate[] {
  const current = context.currentStep === null ? undefined : findStep(playbook, context.currentStep);
  if (!current || level === undefined) return [];
  return templatesTriggeredBy(playbook, 'renewal-due').filter((h) => {
    const early = h.trigger.earlyOnRisk;
    const from = early && findStep(playbook, early.fromStep);
    return early !== undefined && from !== undefined && current.index >= from.index && early.levels.includes(level) && context.handoffs[h.id] === undefined;
  });
}

/** Handoffs `renewal.due` starts: those triggered by renewal that have not started on this deal. */
export function handoffsOnRenewalDue(playbook: Playbook, context: LifecycleContext): HandoffTemplate[] {
  return templatesTriggeredBy(playbook, 'renewal-due').filter((h) => context.handoffs[h.id] === undefined);
}

/** The largest renewal lead time: how many days before the renewal date to raise `renewal.due`. */
export function renewalLeadDays(playbook: Playbook): number | undefined {
  const leads = templatesTriggeredBy(playbook, 'renewal-due').map((h) => h.trigger.leadDays);
  return leads.length > 0 ? Math.max(...leads) : undefined;
}

/** The day the workflow raises `renewal.due` for a deal renewing on `renewalDate`. */
export function renewalDueOn(playbook: Playbook, renewalDate: IsoDate): IsoDate | undefined {
  const lead = renewalLeadDays(playbook);
  return lead === undefined ? undefined : addDays(renewalDate, -lead);
}

/** Context changes and effects of starting handoffs (a new instance per start). */
export function startHandoffs(context: LifecycleContext, templates: HandoffTemplate[]): { handoffs: LifecycleContext['handoffs']; effects: LifecycleEffect[] } {
  const handoffs = { ...context.handoffs };
  const effects: LifecycleEffect[] = [];
  for (const template of templates) {
    const instance = (handoffs[template.id]?.instance ?? 0) + 1;
    handoffs[template.id] = { status: 'open', instance };
    effects.push({ type: 'handoff.start', templateId: template.id, instance, trigger: template.trigger.on });
  }
  return { handoffs, effects };
}

/**
 * Why the event cannot be applied to these facts, or undefined when it can. RACI is checked
 * separately (it needs the team); this is everything the facts alone decide.
 */
export function refusal(playbook: Playbook, context: LifecycleContext, event: LifecycleEvent): string | undefined {
  if (context.currentStep === null) return `the lifecycle is complete: ${event.type} no longer applies`;
  switch (event.type) {
    case 'step.complete':
      return stepCompletionRefusal(playbook, context, event.step);
    case 'handoff.accept':
    case 'handoff.return':
    case 'handoff.tick':
    case 'handoff.attach':
      return `${event.type} is decided by the ${event.templateId} handoff workflow (authorised by authorizeHandoffAction), not by the deal lifecycle`;
    case 'successPlan.submit':
      return context.successPlanVersion > 0 ? 'a success plan was already submitted: send successPlan.revise instead' : undefined;
    case 'successPlan.revise':
      return context.successPlanVersion === 0 ? 'there is no success plan to revise: send successPlan.submit first' : undefined;
    case 'outcomes.record':
      if (event.report.confirmation === undefined) return 'the customer has not confirmed the outcomes: a signature or confirmation e-mail is required';
      return context.successPlanVersion === 0 ? 'business outcomes are measured against the success plan: submit the success plan first' : undefined;
    case 'usage.record':
    case 'expansion.book':
    case 'attestation.record':
    case 'owner.reassign':
    case 'deadline.extend':
    case 'deadline.pause':
    case 'deadline.resume':
    case 'booking.amend':
    case 'evidence.retract':
    case 'claim.withdraw':
    case 'deal.close':
    case 'team.add':
    case 'team.remove':
    case 'team.handover':
      return undefined;
    case 'handoff.accepted':
    case 'handoff.returned': {
      if (!findHandoff(playbook, event.templateId)) return `there is no handoff "${event.templateId}" in playbook ${playbook.id}`;
      const status = context.handoffs[event.templateId]?.status;
      if (event.type === 'handoff.accepted') return inProgress(context.handoffs[event.templateId]) ? undefined : `the ${event.templateId} handoff is not in progress (${status ?? 'never started'})`;
      return status === 'open' ? undefined : `the ${event.templateId} handoff is not open (${status ?? 'never started'})`;
    }
    case 'renewal.due':
      if (renewalLeadDays(playbook) === undefined) return `playbook ${playbook.id} has no handoff triggered by renewal`;
      return handoffsOnRenewalDue(playbook, context).length === 0 ? 'the renewal handoffs have already started' : undefined;
    case 'health.observed':
      return event.healthScore === undefined && event.utilisation === undefined ? 'a health observation needs a health score or a utilisation' : undefined;
  }
}

/**
 * Facts and effects of the events that do not move the deal between steps. Call only when
 * `refusal` returned undefined.
 */
export function consequences(playbook: Playbook, context: LifecycleContext, event: LifecycleEvent): { changes: Partial<LifecycleContext>; effects: LifecycleEffect[] } {
  const none = { changes: {}, effects: [] };
  switch (event.type) {
    case 'step.complete':
      return { changes: { recordedSteps: orderedSteps(playbook, [...context.recordedSteps, event.step]) }, effects: [{ type: 'step.recorded', step: event.step, by: event.actor }] };
    case 'successPlan.submit':
    case 'successPlan.revise': {
      const version = context.successPlanVersion + 1;
      return { changes: { successPlanVersion: version }, effects: [{ type: 'successPlan.recorded', version, by: event.actor }] };
    }
    case 'outcomes.record':
      return { changes: { outcomesConfirmed: true }, effects: [{ type: 'outcomes.recorded', by: event.actor }] };
    case 'usage.record':
      return { changes: { usageRecords: context.usageRecords + 1 }, effects: [{ type: 'usage.recorded', evidenceId: event.evidence.id, by: event.actor }] };
    case 'expansion.book':
      return { changes: { expansionBookings: context.expansionBookings + 1 }, effects: [{ type: 'expansion.recorded', bookedOn: event.bookedOn, by: event.actor }] };
    case 'attestation.record':
      return { changes: {}, effects: [{ type: 'attestation.recorded', attestation: event.attestation, by: event.actor }] };
    case 'owner.reassign':
      return { changes: {}, effects: [{ type: 'team.reassign', role: event.role, from: event.from, to: event.to, by: event.actor }] };
    case 'deadline.extend':
      return { changes: {}, effects: [{ type: 'deadline.extend', deadlineId: event.deadlineId, days: event.days, until: event.until, reason: event.reason, by: event.actor }] };
    case 'deadline.pause':
    case 'deadline.resume':
      return { changes: {}, effects: [{ type: event.type, deadlineId: event.deadlineId, reason: event.reason, by: event.actor }] };
    case 'booking.amend':
      return { changes: {}, effects: [{ type: 'booking.amended', lineItems: event.lineItems, bookedOn: event.bookedOn, reason: event.reason, by: event.actor }] };
    case 'evidence.retract':
      // The lifecycle's own counts follow in the workflow, which knows what else is recorded.
      return { changes: {}, effects: [{ type: 'evidence.retracted', fact: event.fact, reason: event.reason, by: event.actor }] };
    case 'claim.withdraw':
      return { changes: {}, effects: [{ type: 'claim.withdrawn', claimId: event.claimId, reason: event.reason, by: event.actor }] };
    case 'deal.close':
      return { changes: {}, effects: [{ type: 'deal.closed', outcome: event.outcome, reason: event.reason, by: event.actor }] };
    case 'team.add':
      return { changes: {}, effects: [{ type: 'team.added', role: event.role, person: event.person, reason: event.reason, by: event.actor }] };
    case 'team.remove':
      return { changes: {}, effects: [{ type: 'team.removed', role: event.role, personId: event.personId, reason: event.reason, by: event.actor }] };
    case 'team.handover':
      return { changes: {}, effects: [{ type: 'team.handedOver', from: event.from, to: event.to, reason: event.reason, by: event.actor }] };
    case 'handoff.accepted':
    case 'handoff.returned': {
      const instance = context.handoffs[event.templateId]?.instance ?? 1;
      const status: HandoffStatus = event.type === 'handoff.accepted' ? 'accepted' : 'returned';
      const handoffs = { ...context.handoffs, [event.templateId]: { status, instance } };
      const effect: LifecycleEffect =
        event.type === 'handoff.accepted'
          ? { type: 'handoff.accepted', templateId: event.templateId, instance }
          : { type: 'handoff.returned', templateId: event.templateId, instance, reason: event.reason };
      return { changes: { handoffs }, effects: [effect] };
    }
    case 'renewal.due': {
      const started = startHandoffs(context, handoffsOnRenewalDue(playbook, context));
      return { changes: { handoffs: started.handoffs }, effects: started.effects };
    }
    case 'health.observed': {
      const started = startHandoffs(context, [...handoffsOnLowHealth(playbook, context, event), ...handoffsOnRenewalRisk(playbook, context, event.renewalRisk)]);
      const recorded: LifecycleEffect = { type: 'health.recorded', healthScore: event.healthScore, utilisation: event.utilisation, ...(event.renewalRisk ? { renewalRisk: event.renewalRisk } : {}) };
      return { changes: { handoffs: started.handoffs }, effects: [recorded, ...started.effects] };
    }
    case 'handoff.accept':
    case 'handoff.return':
    case 'handoff.tick':
    case 'handoff.attach':
      return none;
  }
}

function orderedSteps(playbook: Playbook, stepIds: string[]): string[] {
  return stepsInOrder(playbook)
    .map((s) => s.step.id)
    .filter((id) => stepIds.includes(id));
}
