import {
  ApplicationFailure,
  CancellationScope,
  ParentClosePolicy,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  proxyActivities,
  setHandler,
  sleep,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type * as activities from '../activities';
import type { NotificationRequest } from '../activities/notify';
import { addMonths, instantAfterLastDay, isoDateOfInstant } from '../src/domain/calendar';
import { createLifecycle, decide, describeState, renewalDueOn, startLifecycle } from '../src/domain/lifecycle';
import type { LifecycleEffect, LifecycleEvent } from '../src/domain/lifecycle/types';
import { describeHandoffSla, handoffSlaMs } from '../src/domain/playbook/handoff-sla';
import type { LadderRung, RecipientKind } from '../src/domain/playbook/schema';
import { escalationRecipients, rolesOf, stakeholders, type RaciSubject } from '../src/domain/raci';
import type { UserAction } from '../src/domain/schemas/actions';
import type { Role } from '../src/domain/schemas/common';
import type { Person } from '../src/domain/schemas/team';
import { capDecision } from '../src/incentives/rules/caps';
import { totalUsd } from '../src/incentives/rules/deal-values';
import { evaluateIncentives } from '../src/incentives/rules/evaluate';
import type { ClaimQuote } from '../src/incentives/quote-schema';
import {
  architectureKey,
  dealIdKey,
  dealValueKey,
  nextDeadlineKey,
  openTaskOwnersKey,
  partnerKey,
  stageKey,
  stepKey,
} from '../src/temporal/search-attributes';
import { draftClaim } from './deal-claims';
import {
  MS_PER_DAY,
  dueRungs,
  extendDeadline,
  incentiveDeadlines,
  isBreached,
  nextAttentionAt,
  nextDueAt,
  pauseDeadline,
  resumeDeadline,
  rungAt,
} from './deadlines';
import * as messages from './deal-messages';
import type { Deadline, DealMemory, DealWorkflowInput, JsonValue, OpenHandoff, TimelineEntry, TimelineType } from './deal-state';
import { handoffTeamSignal } from './handoff-messages';
import { handoffWorkflow, type HandoffWorkflowInput } from './handoff';
import { handoffWorkflowId } from './workflow-ids';

const { notifyAll } = proxyActivities<activities.BatonActivities>({
  startToCloseTimeout: '1 minute',
  // A notification that cannot be delivered within a day is recorded as failed on the timeline,
  // not retried forever.
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});
const { submitClaim } = proxyActivities<activities.BatonActivities>({
  startToCloseTimeout: '1 minute',
  // A claim is money: retried until the sink takes it or rejects it for good.
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});
const { reserveAdoptionSlot } = proxyActivities<activities.BatonActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** What the workflow leaves when the lifecycle is complete and every deadline is closed. */
export interface DealOutcome {
  timeline: TimelineEntry[];
  claims: DealMemory['claims'];
}

type DealUserAction = Exclude<UserAction, { type: `handoff.${string}` }>;

type Work =
  | { kind: 'notify'; requests: NotificationRequest[] }
  | { kind: 'start-handoff'; handoff: OpenHandoff; dueAt: number }
  | { kind: 'team-changed' }
  | { kind: 'claims' };

/**
 * One deal, booking to expansion: runs the playbook's lifecycle statechart, owns every deadline
 * and its escalation ladder, starts the handoff workflows and submits incentive claims once each.
 */
export async function dealWorkflow(input: DealWorkflowInput): Promise<DealOutcome> {
  const { deal, partner, playbook, program } = input;
  const lifecycle = createLifecycle(playbook);
  const ladder = playbook.escalation;
  const workflowId = workflowInfo().workflowId;
  const work: Work[] = [];
  let changed = false;

  const memory: DealMemory = input.memory ?? {
    lifecycle: { value: '', context: { dealId: deal.id, playbook: { id: playbook.id, version: playbook.version }, currentStep: null, completedSteps: [], recordedSteps: [], handoffs: {}, successPlanVersion: 0, outcomesConfirmed: false, usageRecords: 0, expansionBookings: 0 } },
    team: deal.team,
    facts: { usage: [], expansions: [], attestations: [] },
    factEvents: {},
    deadlines: [],
    handoffs: [],
    timeline: [],
    claims: [],
    ineligible: [],
    capStatus: {},
    renewalPrompted: false,
    // Workflow time is deterministic inside the sandbox.
    // eslint-disable-next-line no-restricted-properties
    timeShiftMs: input.bookAtStart ? instantAfterLastDay(deal.bookedOn) - MS_PER_DAY - Date.now() : 0,
  };

  /** Set while the timer's effects are applied: they happen at the instant they were due. */
  let dueInstant: number | undefined;
  // eslint-disable-next-line no-restricted-properties
  const now = (): number => dueInstant ?? Date.now() + memory.timeShiftMs;
  const iso = (ms: number): string => new Date(ms).toISOString();
  const today = (): string => isoDateOfInstant(now());

  /** `at` defaults to now; timer-driven entries carry the instant they were due. */
  function record(type: TimelineType, fields: Record<string, JsonValue | undefined> = {}, actor?: string, at: number = now()): TimelineEntry {
    const entry: TimelineEntry = { id: `t${memory.timeline.length + 1}`, at: iso(at), type, ...(actor ? { actor } : {}), ...fields };
    memory.timeline.push(entry);
    return entry;
  }

  const recipientsOf = (people: Person[], role: (p: Person) => string): NotificationRequest['recipients'] =>
    people.map((p) => ({ personId: p.id, name: p.name, role: role(p) as Role }));
  const roleOnTeam = (p: Person): string => rolesOf(memory.team, p.id)[0] ?? 'LEAD';

  function notify(request: Omit<NotificationRequest, 'dealId' | 'partnerId'>): void {
    if (request.recipients.length === 0) return;
    const full = { ...request, dealId: deal.id, partnerId: deal.partnerId };
    const batch = work.find((w): w is Extract<Work, { kind: 'notify' }> => w.kind === 'notify');
    if (batch) batch.requests.push(full);
    else work.push({ kind: 'notify', requests: [full] });
  }

  // ---------------------------------------------------------------- deadlines

  const renewalDate = (): string => ('date' in deal.renewal ? deal.renewal.date : addMonths(deal.bookedOn, deal.renewal.termMonths));
  const renewalPromptAt = (): number | undefined => {
    const due = renewalDueOn(playbook, renewalDate());
    return due === undefined ? undefined : instantAfterLastDay(due) - MS_PER_DAY;
  };

  function findDeadline(id: string): Deadline | undefined {
    return memory.deadlines.find((d) => d.id === id);
  }
  function replaceDeadline(next: Deadline): void {
    memory.deadlines = memory.deadlines.map((d) => (d.id === next.id ? next : d));
  }
  function closeDeadline(id: string, detail: Record<string, JsonValue | undefined>): void {
    const deadline = findDeadline(id);
    if (!deadline || deadline.status !== 'open') return;
    replaceDeadline({ ...deadline, status: 'met', paused: undefined, closedAt: now() });
    record('deadline.met', { deadlineId: id, label: deadline.label, dueAt: iso(deadline.dueAt), ...detail });
  }

  function rungRecipients(subject: RaciSubject, to: RecipientKind) {
    return escalationRecipients(playbook, memory.team, subject, to);
  }

  /**
   * Fires every rung and breach due by now, in time order, one notification batch per wake-up.
   * Woken by the timer, "now" is the instant the timer was armed for, so that the decision does
   * not depend on the clock of the activation that delivered it.
   */
  function fireDueDeadlines(): void {
    const at = timerReachedAt ?? now();
    const due = memory.deadlines.flatMap((deadline) => [
      ...dueRungs(ladder, deadline, at).map((rung) => ({ instant: rungAt(rung, deadline), deadlineId: deadline.id, rung })),
      ...(isBreached(deadline, at) ? [{ instant: deadline.dueAt, deadlineId: deadline.id, rung: undefined }] : []),
    ]);
    due.sort((a, b) => a.instant - b.instant);
    for (const { instant, deadlineId, rung } of due) {
      const deadline = findDeadline(deadlineId)!;
      if (rung) fireRung(deadline, rung, instant);
      else breach(deadline);
    }
    const promptAt = renewalPromptAt();
    if (!memory.renewalPrompted && promptAt !== undefined && promptAt <= at) {
      memory.renewalPrompted = true;
      dueInstant = promptAt;
      record('renewal.prompted', { renewalOn: renewalDate() });
      openRenewalDeadline();
      applySystemEvent({ type: 'renewal.due' });
      dueInstant = undefined;
    }
  }

  function fireRung(deadline: Deadline, rung: LadderRung, instant: number): void {
    const recipients = rungRecipients(deadline.subject, rung.to);
    const type = rung.action === 'remind' ? 'deadline.reminder' : 'deadline.escalated';
    replaceDeadline({ ...deadline, firedRungs: [...deadline.firedRungs, rung.id] });
    const dueOn = isoDateOfInstant(deadline.dueAt - 1);
    record(type, { deadlineId: deadline.id, label: deadline.label, rung: rung.id, to: rung.to, recipients: recipients.people.map((p) => p.id), via: recipients.via, dueAt: iso(deadline.dueAt) }, undefined, instant);
    notify({
      idempotencyKey: `${workflowId}:${deadline.id}:${deadline.dueAt}:${rung.id}`,
      kind: type,
      title: `${rung.action === 'remind' ? 'Reminder' : 'Escalation'}: ${deadline.label} due ${dueOn}`,
      body: `${deal.customer.name} (${deal.id}): ${deadline.label} is due by the end of ${dueOn}.`,
      recipients: recipientsOf(recipients.people, roleOnTeam),
    });
  }

  function breach(deadline: Deadline): void {
    const people = ladder.breach.to.flatMap((to) => rungRecipients(deadline.subject, to).people);
    replaceDeadline({ ...deadline, status: 'breached', closedAt: deadline.dueAt });
    const dueOn = isoDateOfInstant(deadline.dueAt - 1);
    record('deadline.breached', { deadlineId: deadline.id, label: deadline.label, recipients: people.map((p) => p.id), dueAt: iso(deadline.dueAt) }, undefined, deadline.dueAt);
    notify({
      idempotencyKey: `${workflowId}:${deadline.id}:${deadline.dueAt}:breach`,
      kind: 'deadline.breached',
      title: `Missed: ${deadline.label}`,
      body: `${deal.customer.name} (${deal.id}): ${deadline.label} was due by the end of ${dueOn} and was missed.`,
      recipients: recipientsOf(people, roleOnTeam),
    });
  }

  /** The renewal itself: owned by the step that waits for the renewal handoff. */
  function openRenewalDeadline(): void {
    const renewalHandoffs = playbook.handoffs.filter((h) => h.trigger.on === 'renewal-due').map((h) => h.id);
    const owner = playbook.stages
      .flatMap((s) => s.steps)
      .find((step) => step.exitCriteria.some((c) => c.kind === 'handoff-accepted' && renewalHandoffs.includes(c.handoff)));
    if (!owner || findDeadline('renewal')) return;
    memory.deadlines.push({
      id: 'renewal',
      kind: 'renewal',
      label: `Renewal on ${renewalDate()}`,
      subject: { step: owner.id },
      startsAt: now(),
      dueAt: instantAfterLastDay(renewalDate()) - MS_PER_DAY,
      status: 'open',
      firedRungs: [],
      extensions: [],
    });
  }

  function renewalOwnedBy(step: string): boolean {
    const subject = findDeadline('renewal')?.subject;
    return subject !== undefined && 'step' in subject && subject.step === step;
  }

  // ---------------------------------------------------------------- lifecycle effects

  function startHandoff(templateId: string, instance: number): TimelineEntry | undefined {
    const template = playbook.handoffs.find((h) => h.id === templateId);
    if (!template) return undefined;
    const deadlineId = `handoff-${templateId}-${instance}`;
    const startedAt = now();
    const handoff: OpenHandoff = {
      templateId,
      instance,
      name: template.name,
      workflowId: handoffWorkflowId(workflowId, templateId, instance),
      status: 'open',
      startedAt: iso(startedAt),
      deadlineId,
    };
    memory.handoffs.push(handoff);
    const dueAt = startedAt + handoffSlaMs(template);
    memory.deadlines.push({
      id: deadlineId,
      kind: 'handoff-sla',
      label: `${template.name} accepted`,
      subject: { handoff: templateId },
      startsAt: startedAt,
      dueAt,
      status: 'open',
      firedRungs: [],
      extensions: [],
      handoff: { templateId, instance },
    });
    work.push({ kind: 'start-handoff', handoff, dueAt });
    const people = stakeholders(playbook, memory.team, { handoff: templateId });
    notify({
      idempotencyKey: `${handoff.workflowId}:assigned`,
      kind: 'handoff.assigned',
      title: `Handoff: ${template.name}`,
      body: `${deal.customer.name} (${deal.id}): ${template.objective} Accept within ${describeHandoffSla(template)}.`,
      recipients: recipientsOf([...people.responsible, ...people.accountable.filter((a) => !people.responsible.some((r) => r.id === a.id))], roleOnTeam),
    });
    return record('handoff.started', { templateId, instance, name: template.name, workflowId: handoff.workflowId, dueAt: iso(dueAt) });
  }

  function applyEffects(effects: LifecycleEffect[], action?: UserAction, by?: string): TimelineEntry[] {
    const entries: TimelineEntry[] = [];
    const add = (entry: TimelineEntry | undefined) => entry && entries.push(entry);
    for (const effect of effects) {
      switch (effect.type) {
        case 'stage.entered':
          add(record('stage.entered', { stage: effect.stage, name: playbook.stages.find((s) => s.id === effect.stage)?.name }));
          break;
        case 'step.entered':
          add(record('step.entered', { step: effect.step }));
          break;
        case 'step.completed':
        case 'step.recorded':
          add(record(effect.type, { step: effect.step }, effect.by));
          if (renewalOwnedBy(effect.step)) closeDeadline('renewal', { by: effect.by });
          break;
        case 'handoff.start':
          add(startHandoff(effect.templateId, effect.instance));
          break;
        case 'handoff.accepted':
        case 'handoff.returned': {
          const handoff = memory.handoffs.find((h) => h.templateId === effect.templateId && h.instance === effect.instance);
          const detail = { templateId: effect.templateId, instance: effect.instance, ...(effect.type === 'handoff.returned' ? { reason: effect.reason } : {}) };
          add(record(effect.type, detail, by));
          if (effect.type === 'handoff.accepted') {
            memory.handoffs = memory.handoffs.filter((h) => h !== handoff);
            if (handoff) closeDeadline(handoff.deadlineId, { by });
          } else if (handoff) {
            handoff.status = 'returned';
            const people = stakeholders(playbook, memory.team, { handoff: effect.templateId }).responsible;
            notify({
              idempotencyKey: `${handoff.workflowId}:returned:${memory.timeline.length}`,
              kind: 'handoff.returned',
              title: `Returned for information: ${handoff.name}`,
              body: `${deal.customer.name} (${deal.id}): ${by ?? 'the receiving side'} returned the handoff: ${effect.reason}`,
              recipients: recipientsOf(people, roleOnTeam),
            });
          }
          break;
        }
        case 'successPlan.recorded': {
          const first = effect.version === 1;
          const entry = record(first ? 'successPlan.submitted' : 'successPlan.revised', { version: effect.version }, effect.by);
          add(entry);
          if (first) {
            memory.facts.successPlan = { submittedOn: today() };
            memory.factEvents.successPlan = entry.id;
            work.push({ kind: 'claims' });
          }
          break;
        }
        case 'outcomes.recorded': {
          const report = action?.type === 'outcomes.record' ? action.report : undefined;
          const entry = record('outcomes.recorded', { kpis: report?.results.length ?? 0, confirmation: report?.confirmation?.kind }, effect.by);
          add(entry);
          memory.facts.businessOutcomes = { reportedOn: today(), confirmation: report?.confirmation };
          memory.factEvents.outcomes = entry.id;
          work.push({ kind: 'claims' });
          break;
        }
        case 'usage.recorded': {
          if (action?.type !== 'usage.record') break;
          const evidence = action.evidence;
          const entry = record('usage.recorded', { evidenceId: evidence.id, useCase: evidence.useCase, source: evidence.source, observedOn: evidence.observedOn }, effect.by);
          add(entry);
          memory.facts.usage.push(evidence);
          memory.factEvents[`usage:${evidence.id}`] = entry.id;
          work.push({ kind: 'claims' });
          const { licensedUsers, activeUsers } = evidence.metrics;
          if (licensedUsers !== undefined && activeUsers !== undefined && licensedUsers > 0) {
            entries.push(...applySystemEvent({ type: 'health.observed', utilisation: activeUsers / licensedUsers }));
          }
          break;
        }
        case 'expansion.recorded': {
          if (action?.type !== 'expansion.book') break;
          const n = memory.facts.expansions.length + 1;
          const entry = record('expansion.booked', { bookedOn: action.bookedOn, occurrence: n, valueUsd: totalUsd(action.lineItems) }, effect.by);
          add(entry);
          memory.facts.expansions.push({ bookedOn: action.bookedOn, lineItems: action.lineItems });
          memory.factEvents[`expansion:${n}`] = entry.id;
          work.push({ kind: 'claims' });
          break;
        }
        case 'health.recorded':
          add(record('health.observed', { healthScore: effect.healthScore, utilisation: effect.utilisation }));
          break;
        case 'team.reassign': {
          const people = (memory.team[effect.role] ?? []).filter((p) => p.id.toLowerCase() !== effect.from.toLowerCase());
          memory.team = { ...memory.team, [effect.role]: [...people, effect.to] };
          add(record('owner.reassigned', { role: effect.role, from: effect.from, to: effect.to.id }, effect.by));
          work.push({ kind: 'team-changed' });
          break;
        }
        case 'deadline.extend': {
          const deadline = findDeadline(effect.deadlineId)!;
          const dueAt = effect.until !== undefined ? instantAfterLastDay(effect.until) : deadline.dueAt + (effect.days ?? 0) * MS_PER_DAY;
          const extension = { by: effect.by, reason: effect.reason, at: iso(now()), fromDueAt: iso(deadline.dueAt), toDueAt: iso(dueAt) };
          replaceDeadline(extendDeadline(ladder, deadline, dueAt, extension, now()));
          add(record('deadline.extended', { deadlineId: deadline.id, label: deadline.label, reason: effect.reason, fromDueAt: extension.fromDueAt, toDueAt: extension.toDueAt }, effect.by));
          break;
        }
        case 'deadline.pause': {
          const deadline = findDeadline(effect.deadlineId)!;
          replaceDeadline(pauseDeadline(deadline, { at: now(), by: effect.by, reason: effect.reason }));
          add(record('deadline.paused', { deadlineId: deadline.id, label: deadline.label, reason: effect.reason }, effect.by));
          break;
        }
        case 'deadline.resume': {
          const deadline = findDeadline(effect.deadlineId)!;
          const resumed = resumeDeadline(ladder, deadline, now());
          replaceDeadline(resumed);
          add(record('deadline.resumed', { deadlineId: deadline.id, label: deadline.label, reason: effect.reason, toDueAt: iso(resumed.dueAt) }, effect.by));
          break;
        }
        case 'lifecycle.completed':
          add(record('lifecycle.completed'));
          break;
      }
    }
    changed = true;
    return entries;
  }

  function applySystemEvent(event: LifecycleEvent, by?: string): TimelineEntry[] {
    const decision = decide(lifecycle, memory.lifecycle, event, { team: memory.team });
    if (!decision.accepted) {
      log.info('system event not applied', { event: event.type, reason: decision.reason });
      return [];
    }
    memory.lifecycle = decision.state;
    return applyEffects(decision.effects, undefined, by);
  }

  // ---------------------------------------------------------------- booking

  // Before any handler is set: updates delivered with the first task run when their handler is
  // registered, and must find the deal already booked.
  if (!input.memory) {
    const started = startLifecycle(lifecycle, { dealId: deal.id });
    memory.lifecycle = started.state;
    record('deal.registered', { dealId: deal.id, partnerId: deal.partnerId, customer: deal.customer.name, bookedOn: deal.bookedOn, valueUsd: totalUsd(deal.lineItems) }, input.registeredBy);
    const quotes = evaluateIncentives({ program, deal, partner, facts: memory.facts, asOf: deal.bookedOn });
    memory.deadlines.push(...incentiveDeadlines(program, playbook, quotes, instantAfterLastDay(deal.bookedOn) - MS_PER_DAY));
    applyEffects(started.effects);
  }

  // ---------------------------------------------------------------- user actions

  /** The statechart's and RACI's decision, refused also when the deal's own records forbid it. */
  function judge(action: DealUserAction): ReturnType<typeof decide> {
    const decision = decide(lifecycle, memory.lifecycle, action, { team: memory.team });
    if (!decision.accepted) return decision;
    const reason = recordsRefusal(action);
    return reason === undefined ? decision : { accepted: false, reason };
  }

  /** Why the deal's deadlines or evidence forbid an action the statechart allows, or undefined. */
  function recordsRefusal(action: DealUserAction): string | undefined {
    switch (action.type) {
      case 'deadline.extend':
      case 'deadline.pause':
      case 'deadline.resume': {
        const deadline = findDeadline(action.deadlineId);
        if (!deadline) return `there is no deadline "${action.deadlineId}" on this deal (deadlines: ${memory.deadlines.map((d) => d.id).join(', ') || 'none'})`;
        if (deadline.status !== 'open') return `the deadline ${deadline.id} is ${deadline.status}`;
        if (action.type === 'deadline.pause' && deadline.paused) return `the deadline ${deadline.id} is already paused`;
        if (action.type === 'deadline.resume' && !deadline.paused) return `the deadline ${deadline.id} is not paused`;
        if (action.type === 'deadline.extend') {
          if (deadline.paused) return `the deadline ${deadline.id} is paused: resume it before extending it`;
          if (action.until !== undefined && instantAfterLastDay(action.until) <= deadline.dueAt) {
            return `${action.until} does not extend the deadline ${deadline.id}: it is already due by the end of ${isoDateOfInstant(deadline.dueAt - 1)}`;
          }
        }
        return undefined;
      }
      case 'usage.record':
        return memory.facts.usage.some((e) => e.id === action.evidence.id) ? `usage evidence ${action.evidence.id} is already recorded` : undefined;
      default:
        return undefined;
    }
  }

  function act(action: DealUserAction): messages.ActionResult {
    // The validator judged the same state; judging again guards a handler call without it.
    const decision = judge(action);
    if (!decision.accepted) throw ApplicationFailure.nonRetryable(decision.reason, 'ActionRefused');
    memory.lifecycle = decision.state;
    const entries = applyEffects(decision.effects, action, action.actor);
    refreshSearchAttributes();
    return { entries };
  }

  const validate = (action: DealUserAction): void => {
    const decision = judge(action);
    if (!decision.accepted) throw new Error(decision.reason);
  };
  const actionUpdates = [
    messages.stepCompleteUpdate,
    messages.successPlanSubmitUpdate,
    messages.successPlanReviseUpdate,
    messages.outcomesRecordUpdate,
    messages.usageRecordUpdate,
    messages.expansionBookUpdate,
    messages.ownerReassignUpdate,
    messages.deadlineExtendUpdate,
    messages.deadlinePauseUpdate,
    messages.deadlineResumeUpdate,
  ] as const;
  // ---------------------------------------------------------------- queries

  const position = (): messages.DealPosition => describeState(lifecycle, memory.lifecycle);
  const deadlineViews = (): messages.DeadlineView[] =>
    memory.deadlines.map((d) => ({ ...d, dueOn: isoDateOfInstant(d.dueAt - 1), timeLeftMs: d.dueAt - (d.paused?.at ?? d.closedAt ?? now()) }));
  const escalations = (): TimelineEntry[] => memory.timeline.filter((e) => e.type === 'deadline.reminder' || e.type === 'deadline.escalated' || e.type === 'deadline.breached');
  setHandler(messages.positionQuery, position);
  setHandler(messages.openHandoffsQuery, () => memory.handoffs);
  setHandler(messages.deadlinesQuery, deadlineViews);
  setHandler(messages.escalationsQuery, escalations);
  setHandler(messages.claimsQuery, () => memory.claims);
  setHandler(messages.timelineQuery, () => memory.timeline);
  setHandler(messages.recordQuery, () => ({ deal, partner, program, facts: memory.facts, capStatus: memory.capStatus, today: today() }));
  setHandler(messages.viewQuery, () => ({
    dealId: deal.id,
    partnerId: deal.partnerId,
    position: position(),
    team: memory.team,
    openHandoffs: memory.handoffs,
    deadlines: deadlineViews(),
    escalations: escalations(),
    claims: memory.claims,
    ineligibleClaims: memory.ineligible,
    timeline: memory.timeline,
    now: iso(now()),
    timeShiftMs: memory.timeShiftMs,
  }));

  // ---------------------------------------------------------------- search attributes

  const published: Record<string, string> = {};
  function refreshSearchAttributes(): void {
    const state = position();
    const owners = new Set<string>();
    const step = memory.lifecycle.context.currentStep;
    if (step) {
      const people = stakeholders(playbook, memory.team, { step });
      for (const p of [...people.responsible, ...people.accountable]) owners.add(p.id);
    }
    for (const h of memory.handoffs) {
      const people = stakeholders(playbook, memory.team, { handoff: h.templateId });
      for (const p of [...people.responsible, ...people.accountable]) owners.add(p.id);
    }
    const next = nextDueAt(memory.deadlines);
    const pairs: SearchAttributeUpdatePair[] = [
      { key: dealIdKey, value: deal.id },
      { key: partnerKey, value: deal.partnerId },
      { key: architectureKey, value: deal.architecture },
      { key: dealValueKey, value: totalUsd([...deal.lineItems, ...memory.facts.expansions.flatMap((e) => e.lineItems)]) },
      { key: stageKey, value: state.stage?.id ?? 'completed' },
      { key: stepKey, value: state.step?.id ?? 'completed' },
      { key: openTaskOwnersKey, value: [...owners].sort() },
      { key: nextDeadlineKey, value: next === undefined ? null : new Date(next) },
    ] as SearchAttributeUpdatePair[];
    const changedPairs = pairs.filter((p) => published[p.key.name] !== JSON.stringify(p.value));
    if (changedPairs.length === 0) return;
    upsertSearchAttributes(changedPairs);
    for (const p of changedPairs) published[p.key.name] = JSON.stringify(p.value);
  }

  // ---------------------------------------------------------------- side effects

  async function settleClaims(): Promise<void> {
    const evaluate = () =>
      evaluateIncentives({ program, deal, partner, facts: memory.facts, asOf: today(), capStatus: memory.capStatus });
    let quotes = evaluate();
    for (const incentive of program.incentives) {
      if (!incentive.cap || memory.capStatus[incentive.kind] !== undefined) continue;
      const first = quotes.find((q) => q.incentive === incentive.kind && q.eligible);
      if (!first?.provenOn) continue;
      const cap = capDecision({ program, incentiveKind: incentive.kind, deal, partner, countedOn: first.provenOn });
      if (cap && cap.limited) {
        const slot = await reserveAdoptionSlot({
          partnerId: partner.id,
          architecture: deal.architecture,
          fiscalQuarter: cap.fiscalQuarter.label,
          enterpriseAgreement: deal.enterpriseAgreement,
          dealId: deal.id,
          milestone: first.milestone,
          limit: cap.limit,
        });
        memory.capStatus[incentive.kind] = slot.granted ? 'slot-granted' : 'cap-reached';
      } else {
        memory.capStatus[incentive.kind] = 'slot-granted';
      }
      quotes = evaluate();
    }
    for (const quote of quotes) await settleQuote(quote);
    for (const deadline of memory.deadlines) {
      if (deadline.kind !== 'incentive' || deadline.status !== 'open') continue;
      const proven = quotes.find((q) => deadline.milestones?.some((m) => q.milestone === m || q.milestone.startsWith(`${m}-`)) && q.provenOn !== undefined && instantAfterLastDay(q.provenOn) <= deadline.dueAt);
      if (proven) closeDeadline(deadline.id, { milestone: proven.milestone });
    }
  }

  async function settleQuote(quote: ClaimQuote): Promise<void> {
    if (memory.claims.some((c) => c.milestone === quote.milestone)) return;
    if (quote.eligible) {
      const claim = draftClaim({ program, deal, memory, quote, today: today(), now: iso(now()) });
      try {
        const { receipt } = await submitClaim({ claim });
        const submitted = { ...claim, status: 'submitted' as const, submittedAt: receipt.receivedAt, sinkReceipt: receipt };
        memory.claims.push({ milestone: quote.milestone, claim: submitted as DealMemory['claims'][number]['claim'], receipt });
        record('claim.submitted', { milestone: quote.milestone, amountUsd: quote.amountUsd, claimId: claim.claimId, idempotencyKey: claim.idempotencyKey, trace: claim.trace.map((t) => t.eventId) });
      } catch (err) {
        const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
        memory.ineligible.push({ milestone: quote.milestone, reasonCode: 'rejected', reason, at: iso(now()) });
        record('claim.ineligible', { milestone: quote.milestone, reasonCode: 'rejected', reason });
      }
      return;
    }
    // Proof exists (or was tried) but does not earn the claim: say why, once per reason.
    const telling = quote.provenOn !== undefined || quote.reasonCode === 'condition-not-met' || quote.reasonCode === 'missing-customer-confirmation';
    if (!telling || !quote.reasonCode) return;
    if (memory.ineligible.some((i) => i.milestone === quote.milestone && i.reasonCode === quote.reasonCode)) return;
    memory.ineligible.push({ milestone: quote.milestone, reasonCode: quote.reasonCode, reason: quote.reason ?? '', at: iso(now()) });
    record('claim.ineligible', { milestone: quote.milestone, reasonCode: quote.reasonCode, reason: quote.reason });
  }

  async function deliver(requests: NotificationRequest[]): Promise<void> {
    try {
      await notifyAll(requests);
    } catch (err) {
      // Nothing is dropped silently: an undeliverable batch stays on the deal's timeline.
      log.warn('notifications not delivered', { error: String(err), count: requests.length });
      record('notification.failed', { kinds: [...new Set(requests.map((r) => r.kind))], count: requests.length, error: String(err) });
    }
  }

  async function perform(item: Work): Promise<void> {
    switch (item.kind) {
      case 'notify':
        await deliver(item.requests);
        return;
      case 'start-handoff': {
        const childInput: HandoffWorkflowInput = {
          dealWorkflowId: workflowId,
          dealId: deal.id,
          playbook,
          templateId: item.handoff.templateId,
          instance: item.handoff.instance,
          team: memory.team,
          startedAt: item.handoff.startedAt,
          dueAt: iso(item.dueAt),
          timeShiftMs: memory.timeShiftMs,
        };
        // Abandoned on close so that continue-as-new does not end the running handoffs; they
        // report back by signal to the deal's workflow id.
        await startChild(handoffWorkflow, {
          workflowId: item.handoff.workflowId,
          args: [childInput],
          parentClosePolicy: ParentClosePolicy.ABANDON,
        });
        return;
      }
      case 'team-changed':
        for (const handoff of memory.handoffs) await getExternalWorkflowHandle(handoff.workflowId).signal(handoffTeamSignal, memory.team);
        return;
      case 'claims':
        await settleClaims();
        refreshSearchAttributes();
        return;
    }
  }

  // ---------------------------------------------------------------- handlers

  // Set once every piece of state and helper they use exists: messages delivered with the first
  // task run as soon as their handler is set.
  for (const update of actionUpdates) {
    setHandler(update as typeof messages.stepCompleteUpdate, (action) => act(action), { validator: validate, description: `user action ${update.name}` });
  }

  setHandler(messages.refusalRecordSignal, ({ action, actor, reason }) => {
    record('action.refused', { action, reason }, actor);
    changed = true;
  });
  setHandler(messages.healthObserveSignal, ({ healthScore, utilisation, source }) => {
    const entries = applySystemEvent({ type: 'health.observed', healthScore, utilisation });
    if (entries.length > 0) entries[0]!.source = source;
    refreshSearchAttributes();
  });
  setHandler(messages.handoffConcludedSignal, ({ templateId, instance, outcome, by, reason }) => {
    const current = memory.lifecycle.context.handoffs[templateId];
    if (!current || current.instance !== instance) return;
    applySystemEvent(outcome === 'accepted' ? { type: 'handoff.accepted', templateId } : { type: 'handoff.returned', templateId, reason: reason ?? '' }, by);
    refreshSearchAttributes();
  });

  // ---------------------------------------------------------------- the timer

  let timer: { at: number; scope: CancellationScope } | undefined;
  let timerReachedAt: number | undefined;
  /** One timer for the earliest instant anything is due; replaced only when that instant moves. */
  function armTimer(at: number | undefined): void {
    if (timer?.at === at) return;
    timer?.scope.cancel();
    timer = undefined;
    if (at === undefined) return;
    const scope = new CancellationScope();
    const armed = { at, scope };
    timer = armed;
    scope
      .run(() => sleep(Math.max(1, at - now())))
      .then(
        () => {
          if (timer === armed) {
            timer = undefined;
            timerReachedAt = at;
          }
        },
        () => undefined, // cancelled: replaced by a timer for another instant
      );
  }
  const nextWakeAt = (): number | undefined => {
    const promptAt = memory.renewalPrompted ? undefined : renewalPromptAt();
    const instants = [nextAttentionAt(ladder, memory.deadlines), promptAt].filter((x): x is number => x !== undefined);
    return instants.length > 0 ? Math.min(...instants) : undefined;
  };

  // ---------------------------------------------------------------- start

  refreshSearchAttributes();

  const finished = (): boolean =>
    memory.lifecycle.context.currentStep === null && memory.handoffs.length === 0 && memory.deadlines.every((d) => d.status !== 'open');
  const shouldContinueAsNew = (): boolean =>
    workflowInfo().continueAsNewSuggested || (input.historyEventLimit !== undefined && workflowInfo().historyLength >= input.historyEventLimit);

  for (;;) {
    while (work.length > 0) await perform(work.shift()!);
    fireDueDeadlines();
    if (work.length > 0) continue;
    refreshSearchAttributes();
    if (finished()) break;
    if (shouldContinueAsNew()) {
      timer?.scope.cancel();
      timer = undefined;
      await condition(allHandlersFinished);
      if (work.length === 0) {
        await continueAsNew<typeof dealWorkflow>({ ...input, bookAtStart: false, memory });
      }
      continue;
    }
    armTimer(nextWakeAt());
    changed = false;
    timerReachedAt = undefined;
    await condition(() => timerReachedAt !== undefined || changed || work.length > 0);
  }
  await condition(allHandlersFinished);
  return { timeline: memory.timeline, claims: memory.claims };
}
