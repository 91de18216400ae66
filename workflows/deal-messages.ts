import type { DealBooking } from '../src/forecast/deal-booking';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  BookingAmend,
  ClaimWithdraw,
  DealClose,
  EvidenceRetract,
  TeamAdd,
  TeamHandover,
  TeamRemove,
  DeadlineExtend,
  DeadlinePause,
  DeadlineResume,
  ExpansionBook,
  OutcomesRecord,
  AttestationRecord,
  OwnerReassign,
  StepComplete,
  SuccessPlanRevise,
  SuccessPlanSubmit,
  UsageRecord,
} from '../src/domain/schemas/actions';
import type { BusinessCalendar } from '../src/domain/business-days';
import type { Deadline, LadderStep } from '../src/domain/deadlines';
import type { Playbook } from '../src/domain/playbook/schema';
import type { Deal } from '../src/domain/schemas/deal';
import type { HistoricalFact } from '../src/domain/schemas/history';
import type { Partner } from '../src/domain/schemas/partner';
import type { Team } from '../src/domain/schemas/team';
import type { DealFacts } from '../src/incentives/facts-schema';
import type { Program } from '../src/incentives/program-schema';
import type { CapStatus } from '../src/incentives/rules/evaluate';
import type { DealClaim, DealClosure, DealMemory, IneligibleClaim, OpenHandoff, TimelineEntry } from './deal-state';

/**
 * The deal workflow's whole contract, importable by clients without the workflow code: its type
 * name, id scheme, input, messages and views. Update names are the user action types; every
 * payload names its acting person (`actor`).
 */

export const DEAL_WORKFLOW_TYPE = 'dealWorkflow';

/** A deal's workflow id derives from its business ids, so a deal exists once. */
export function dealWorkflowId(partnerId: string, dealId: string): string {
  return `deal:${partnerId}:${dealId}`;
}

export interface DealWorkflowInput {
  deal: Deal;
  partner: Partner;
  playbook: Playbook;
  program: Program;
  registeredBy: string;
  /**
   * The business calendars the deal counts business days on: the partner's first, then any the
   * playbook names by id. Deals registered before calendars have none (DOMAIN's default applies).
   */
  calendars?: BusinessCalendar[];
  /** Simulations: business time starts at 00:00Z of the booking day when the workflow starts. */
  bookAtStart?: boolean;
  /** Continue-as-new after this many history events even before the server suggests it. */
  historyEventLimit?: number;
  /** Facts from before the deal entered Baton, with their days: only an import brings them. */
  history?: HistoricalFact[];
  /** Set by continue-as-new. */
  memory?: DealMemory;
}

/** What the workflow leaves when the lifecycle is complete and every deadline is closed. */
export interface DealOutcome {
  timeline: TimelineEntry[];
  claims: DealClaim[];
}

/** What an accepted action added to the business timeline, and what a client needs to show it. */
export interface ActionResult {
  entries: TimelineEntry[];
  /** Set when the action brought a fact already recorded: nothing changed, and this says so. */
  unchanged?: string;
  /** The deal's team after the action (names for the entries' actors); absent in results recorded before. */
  team?: Team;
  /** Business time minus workflow time, to place the entries in the deal's runs; absent in results recorded before. */
  timeShiftMs?: number;
}

export const stepCompleteUpdate = defineUpdate<ActionResult, [StepComplete]>('step.complete');
export const successPlanSubmitUpdate = defineUpdate<ActionResult, [SuccessPlanSubmit]>('successPlan.submit');
export const successPlanReviseUpdate = defineUpdate<ActionResult, [SuccessPlanRevise]>('successPlan.revise');
export const outcomesRecordUpdate = defineUpdate<ActionResult, [OutcomesRecord]>('outcomes.record');
export const usageRecordUpdate = defineUpdate<ActionResult, [UsageRecord]>('usage.record');
export const expansionBookUpdate = defineUpdate<ActionResult, [ExpansionBook]>('expansion.book');
export const attestationRecordUpdate = defineUpdate<ActionResult, [AttestationRecord]>('attestation.record');
export const ownerReassignUpdate = defineUpdate<ActionResult, [OwnerReassign]>('owner.reassign');
export const deadlineExtendUpdate = defineUpdate<ActionResult, [DeadlineExtend]>('deadline.extend');
export const deadlinePauseUpdate = defineUpdate<ActionResult, [DeadlinePause]>('deadline.pause');
export const deadlineResumeUpdate = defineUpdate<ActionResult, [DeadlineResume]>('deadline.resume');
export const bookingAmendUpdate = defineUpdate<ActionResult, [BookingAmend]>('booking.amend');
export const evidenceRetractUpdate = defineUpdate<ActionResult, [EvidenceRetract]>('evidence.retract');
export const claimWithdrawUpdate = defineUpdate<ActionResult, [ClaimWithdraw]>('claim.withdraw');
export const dealCloseUpdate = defineUpdate<ActionResult, [DealClose]>('deal.close');
export const teamAddUpdate = defineUpdate<ActionResult, [TeamAdd]>('team.add');
export const teamRemoveUpdate = defineUpdate<ActionResult, [TeamRemove]>('team.remove');
export const teamHandoverUpdate = defineUpdate<ActionResult, [TeamHandover]>('team.handover');

/**
 * A refused action (its validator wrote nothing). Clients record refusals outside the deal now
 * (PostgreSQL, coalesced); the signal stays for the histories that hold it and for simulations,
 * whose scripted refusals belong to their timeline.
 */
export interface RefusalRecord {
  action: string;
  actor?: string;
  reason: string;
}
export const refusalRecordSignal = defineSignal<[RefusalRecord]>('refusal.record');

/**
 * A health score (1-10) and/or licence utilisation (0-1). Baton computes them from raw readings
 * (the CSM's scorecard, telemetry: `src/temporal/health-client.ts`), with the renewal risk and the
 * score's breakdown; older senders gave the numbers alone.
 */
export interface HealthObservation {
  healthScore?: number;
  utilisation?: number;
  renewalRisk?: 'High' | 'Medium' | 'Low';
  /** Score of each metric and scorecard field by id, and the inputs that were missing. */
  breakdown?: { objective: number; subjective: number; parts: Record<string, number>; missing: string[] };
  source: string;
}
export const healthObserveSignal = defineSignal<[HealthObservation]>('health.observe');
/**
 * `baton db rebuild` asks a running deal to write its read-model row again, under a new seq: the
 * deal answers through its own projection, so a rebuild never queries a running deal (a query to
 * an idle deal is what wedged deals under @temporalio 1.24, see test/faults/stuck-deal.test.ts).
 */
export const reprojectSignal = defineSignal('readModel.reproject');

/** Sent by a handoff workflow when the receiving side accepts or returns it. */
export interface HandoffConclusion {
  templateId: string;
  instance: number;
  outcome: 'accepted' | 'returned';
  by: string;
  reason?: string;
}
export const handoffConcludedSignal = defineSignal<[HandoffConclusion]>('handoff.concluded');

export interface DealPosition {
  stage: { id: string; name: string } | null;
  step: { id: string; name: string } | null;
  completed: boolean;
}

export interface DeadlineView extends Deadline {
  dueOn: string;
  /** Milliseconds until the deadline; negative once past, frozen while paused. */
  timeLeftMs: number;
  /** The escalation ladder in firing order, ending with the breach; instants are ISO. */
  ladder: (Omit<LadderStep, 'at'> & { at: string })[];
}

export interface DealView {
  dealId: string;
  partnerId: string;
  position: DealPosition;
  team: Team;
  openHandoffs: OpenHandoff[];
  deadlines: DeadlineView[];
  escalations: TimelineEntry[];
  claims: DealClaim[];
  ineligibleClaims: IneligibleClaim[];
  timeline: TimelineEntry[];
  /** Set when the deal was closed as lost or cancelled. */
  closure?: DealClosure;
  /** Business time now (ISO) and its shift from workflow time (simulations). */
  now: string;
  timeShiftMs: number;
}

export const positionQuery = defineQuery<DealPosition>('deal.position');
export const openHandoffsQuery = defineQuery<OpenHandoff[]>('deal.openHandoffs');
export const deadlinesQuery = defineQuery<DeadlineView[]>('deal.deadlines');
export const escalationsQuery = defineQuery<TimelineEntry[]>('deal.escalations');
export const claimsQuery = defineQuery<DealClaim[]>('deal.claims');
export const timelineQuery = defineQuery<TimelineEntry[]>('deal.timeline');
export const viewQuery = defineQuery<DealView>('deal.view');
/** The deal's read-model row at its latest projection seq: what `baton db rebuild` writes. */
export const snapshotQuery = defineQuery<DealSnapshot>('deal.snapshot');

/** What the deal runs under and has recorded: enough to re-evaluate it under another program (`baton rerun`). */
export interface DealRecord {
  deal: Deal;
  partner: Partner;
  /** The program version the deal was registered under, as it was then. */
  program: Program;
  facts: DealFacts;
  capStatus: Partial<Record<string, CapStatus>>;
  /** The deal's business day, YYYY-MM-DD. */
  today: string;
}
export const recordQuery = defineQuery<DealRecord>('deal.record');

/**
 * What the deal workflow sends to the `projectDeal` activity after each change: its view plus
 * what lists filter and sort on. Plain types only (no zod, no Node), so workflow code can import
 * it. The activity derives the read model's columns and counters from it.
 */
export interface DealSnapshot {
  /** `deal:<partner>:<deal>`: the read model's key. */
  workflowId: string;
  /**
   * Strictly increasing per deal, carried across continue-as-new: a write with a seq not above the
   * stored one is ignored, so a retried or late projection never moves the row backwards.
   */
  seq: number;
  partnerId: string;
  dealId: string;
  customerName: string;
  architecture: string;
  /** Booked plus expanded net value, as the BatonDealValue search attribute. */
  dealValueUsd: number;
  /** R and A of the current step and of every open handoff (lower-case e-mails), as BatonOpenTaskOwners. */
  openTaskOwners: string[];
  /** ISO instant of the earliest open, unpaused deadline, as BatonNextDeadline; null when none. */
  nextDeadlineAt: string | null;
  /** Incentive dollars the deal can still earn: milestones whose window is open and not yet claimed. */
  atStakeUsd: number;
  /** The deal's latest health score (on the health config's scale) and renewal risk, when observed. */
  health: { score: number | null; renewalRisk: 'High' | 'Medium' | 'Low' | null } | null;
  /** True once the workflow finished (lifecycle completed or deal closed). */
  closed: boolean;
  /** The run that took the snapshot (its history is the deal page's link), and the versions the deal runs under. */
  runId: string;
  playbook: { id: string; version: number };
  program: { id: string; version: number };
  view: DealView;
  /** What the deal was booked as and has proven, for the forecast; absent from workflows that projected before it was kept. */
  booking?: DealBooking;
}
