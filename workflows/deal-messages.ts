import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
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
import type { Deadline, LadderStep } from '../src/domain/deadlines';
import type { Playbook } from '../src/domain/playbook/schema';
import type { Deal } from '../src/domain/schemas/deal';
import type { Partner } from '../src/domain/schemas/partner';
import type { Team } from '../src/domain/schemas/team';
import type { DealFacts } from '../src/incentives/facts-schema';
import type { Program } from '../src/incentives/program-schema';
import type { CapStatus } from '../src/incentives/rules/evaluate';
import type { DealClaim, DealMemory, IneligibleClaim, OpenHandoff, TimelineEntry } from './deal-state';

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
  /** Simulations: business time starts at 00:00Z of the booking day when the workflow starts. */
  bookAtStart?: boolean;
  /** Continue-as-new after this many history events even before the server suggests it. */
  historyEventLimit?: number;
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

/** A health score (1-10) and/or licence utilisation (0-1) computed outside the deal, e.g. from telemetry. */
export interface HealthObservation {
  healthScore?: number;
  utilisation?: number;
  source: string;
}
export const healthObserveSignal = defineSignal<[HealthObservation]>('health.observe');

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
