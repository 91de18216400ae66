import { allHandlersFinished, condition, log, makeContinueAsNewFunc, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import * as messages from './deal-messages';
import { openDeal } from './deal/booking';
import type { DealContext, DealRules } from './deal/context';
import { attendDue, nextWakeAt } from './deal/due';
import { onAction, onHandoffConcluded, onHealth, onRefusal, validateAction } from './deal/handlers';
import { BackgroundDeliveries } from './deal/deliveries';
import { ClaimsLane } from './deal/claims-lane';
import { HandoffStarts } from './deal/handoff-starts';
import { ReadModelProjector } from './deal/projector';
import { dealSnapshot } from './deal/snapshot';
import { perform, type DealServices } from './deal/perform';
import { dealRecord, dealView, deadlineViews, escalationsOf, positionOf } from './deal/read-model';
import { SearchAttributePublisher } from './deal/search-attributes';
import { WakeTimer } from './deal/wake-timer';

/** Runs started before facts had identities and received dates judge them as they did then. */
const FACTS_BY_IDENTITY = 'facts-by-identity';
/** Runs started before rungs had a fallback send a rung nobody holds to nobody, as they did then. */
const RUNG_FALLBACK = 'rung-fallback';

/** Runs started before the read model existed leave it to `baton db rebuild`. */
const READ_MODEL = 'read-model';
/** Runs started before it applied a handoff's answer before the rungs already due. */
const LADDER_BEFORE_ANSWERS = 'ladder-before-answers';
/** Runs started before past-booked deals entered quietly announce every rung they missed. */
const PAST_AS_OF_BOOKING = 'past-as-of-booking';
/** Runs started before business calendars count every SLA in calendar days. */
const BUSINESS_CALENDARS = 'business-calendars';
/** Runs started before a handoff carried only its own template send it the whole playbook. */
const HANDOFF_TEMPLATE_ONLY = 'handoff-template-only';

/**
 * Runs started from here on follow every rule above (and the two `perform` decides at first use)
 * under this one marker: each `patched()` call also upserts the TemporalChangeVersion search
 * attribute, so nine of them cost every new deal 18 history events and 9 visibility writes.
 * Runs recorded before it have no such marker and decide each rule by its own, as they did.
 */
const RULES_2026_12 = 'rules-2026-12';
/**
 * The next generation: every rule of `rules-2026-12`, and claims settled beside the loop from the
 * first. A new run records this marker alone; a run recorded under the one before finds none and
 * falls back to it, so each run still carries one marker.
 */
const RULES_2026_12B = 'rules-2026-12b';
/**
 * Every rule of `rules-2026-12b`, and the read model written through the worker's sink instead of
 * a local activity (no marker per write, no task held open for the database). Falls back as above.
 */
const RULES_2026_12C = 'rules-2026-12c';
/**
 * Every rule of `rules-2026-12c`, and handoff workflows started beside the loop, so that a
 * registration's assignment mail and timer go out with the handoff's start. Falls back as above.
 */
const RULES_2026_12D = 'rules-2026-12d';

/** Every user action the deal answers itself, each an update named by its action type. */
const actionUpdates = [
  messages.stepCompleteUpdate,
  messages.successPlanSubmitUpdate,
  messages.successPlanReviseUpdate,
  messages.outcomesRecordUpdate,
  messages.usageRecordUpdate,
  messages.expansionBookUpdate,
  messages.attestationRecordUpdate,
  messages.ownerReassignUpdate,
  messages.deadlineExtendUpdate,
  messages.deadlinePauseUpdate,
  messages.deadlineResumeUpdate,
  messages.bookingAmendUpdate,
  messages.evidenceRetractUpdate,
  messages.claimWithdrawUpdate,
  messages.dealCloseUpdate,
  messages.teamAddUpdate,
  messages.teamRemoveUpdate,
  messages.teamHandoverUpdate,
] as const;

/**
 * One deal, booking to expansion: runs the playbook's lifecycle statechart, owns every deadline
 * and its escalation ladder, starts the handoff workflows and submits incentive claims once each.
 */
export async function dealWorkflow(input: messages.DealWorkflowInput): Promise<messages.DealOutcome> {
  // Booked before any handler is set: messages delivered with the first task run as soon as
  // their handler is set, and must find the deal already booked.
  const ctx = openDeal(input, {
    workflowId: workflowInfo().workflowId,
    // Workflow time is deterministic inside the sandbox.
    // eslint-disable-next-line no-restricted-properties
    workflowNow: () => Date.now(),
    log: (message, attributes) => log.info(message, attributes),
    // Decided once per run, before anything else: runs recorded before a rule keep their old one.
    rules: decideRules(),
  });
  const searchAttributes = new SearchAttributePublisher(ctx);
  const services: DealServices = { searchAttributes, deliveries: new BackgroundDeliveries(ctx), claims: new ClaimsLane(ctx), handoffStarts: new HandoffStarts(ctx) };
  const timer = new WakeTimer();
  const projector = ctx.rules.readModel ? new ReadModelProjector(ctx) : undefined;
  const sideWorkIdle = (): boolean => services.deliveries.idle && services.claims.idle && services.handoffStarts.idle && (projector?.idle ?? true);

  for (const update of actionUpdates) {
    setHandler(update as typeof messages.stepCompleteUpdate, (action) => onAction(ctx, searchAttributes, action), {
      validator: (action) => validateAction(ctx, action),
      description: `user action ${update.name}`,
    });
  }
  setHandler(messages.refusalRecordSignal, (refusal) => onRefusal(ctx, refusal));
  setHandler(messages.healthObserveSignal, (observation) => onHealth(ctx, searchAttributes, observation));
  setHandler(messages.handoffConcludedSignal, (conclusion) => onHandoffConcluded(ctx, searchAttributes, conclusion));
  setHandler(messages.reprojectSignal, () => projector?.reproject());
  setHandler(messages.positionQuery, () => positionOf(ctx));
  setHandler(messages.openHandoffsQuery, () => ctx.memory.handoffs);
  setHandler(messages.deadlinesQuery, () => deadlineViews(ctx));
  setHandler(messages.escalationsQuery, () => escalationsOf(ctx));
  setHandler(messages.claimsQuery, () => ctx.memory.claims);
  setHandler(messages.timelineQuery, () => ctx.memory.timeline);
  setHandler(messages.recordQuery, () => dealRecord(ctx));
  setHandler(messages.viewQuery, () => dealView(ctx));
  setHandler(messages.snapshotQuery, () => dealSnapshot(ctx, ctx.memory.projectionSeq ?? 0, finished(ctx)));

  searchAttributes.refresh();
  for (;;) {
    while (ctx.work.length > 0) await perform(ctx, ctx.work.shift()!, services);
    attendDue(ctx, timer.reachedAt ?? ctx.clock.now());
    if (ctx.work.length > 0) continue;
    searchAttributes.refresh();
    if (finished(ctx)) break;
    projector?.project();
    // Not while a notification batch, a handoff's start or a read-model write is out: they belong to this run.
    if (shouldContinueAsNew(input) && sideWorkIdle()) {
      timer.cancel();
      await condition(allHandlersFinished);
      // The memo says what the deal runs under; every run carries it.
      if (ctx.work.length === 0) await makeContinueAsNewFunc<typeof dealWorkflow>({ memo: workflowInfo().memo })({ ...input, bookAtStart: false, memory: ctx.memory });
      continue;
    }
    timer.arm(nextWakeAt(ctx), ctx.clock.now());
    ctx.changed = false;
    timer.clearReached();
    await condition(() => timer.reachedAt !== undefined || ctx.changed || ctx.work.length > 0);
  }
  // The last claim work writes the timeline the closing projection must hold.
  await condition(() => services.claims.idle);
  projector?.project(true);
  await condition(() => sideWorkIdle() && allHandlersFinished());
  return { timeline: ctx.memory.timeline, claims: ctx.memory.claims };
}

/** Decided once per run, before anything else: runs recorded before a rule keep their old one. */
function decideRules(): DealRules {
  // A rule added after a marker belongs to the next generation's marker, never to all ||
  // patched(): runs recorded under the earlier marker did not follow it.
  const startsBeside = patched(RULES_2026_12D);
  const bySink = startsBeside || patched(RULES_2026_12C);
  const current = bySink || patched(RULES_2026_12B);
  const all = current || patched(RULES_2026_12);
  const rule = (patchId: string): boolean => all || patched(patchId);
  return {
    allRulesAtStart: all,
    factsByIdentity: rule(FACTS_BY_IDENTITY),
    rungFallback: rule(RUNG_FALLBACK),
    readModel: rule(READ_MODEL),
    readModelBySink: bySink,
    ladderBeforeAnswers: rule(LADDER_BEFORE_ANSWERS),
    pastAsOfBooking: rule(PAST_AS_OF_BOOKING),
    businessCalendars: rule(BUSINESS_CALENDARS),
    handoffTemplateOnly: rule(HANDOFF_TEMPLATE_ONLY),
    claimsBesideAtStart: current,
    handoffStartsBeside: startsBeside,
  };
}

/** Closed as lost or cancelled, or the lifecycle is complete, no handoff is open and every deadline is closed. */
const finished = ({ memory }: DealContext): boolean =>
  memory.closure !== undefined || (memory.lifecycle.context.currentStep === null && memory.handoffs.length === 0 && memory.deadlines.every((d) => d.status !== 'open'));

const shouldContinueAsNew = (input: messages.DealWorkflowInput): boolean =>
  workflowInfo().continueAsNewSuggested || (input.historyEventLimit !== undefined && workflowInfo().historyLength >= input.historyEventLimit);
