import type { Deal } from '../src/domain/schemas/deal';
import type { Partner } from '../src/domain/schemas/partner';
import type { Team } from '../src/domain/schemas/team';
import type { Playbook } from '../src/domain/playbook/schema';
import type { RaciSubject } from '../src/domain/raci';
import type { LifecycleState } from '../src/domain/lifecycle/types';
import type { Program } from '../src/incentives/program-schema';
import type { DealFacts } from '../src/incentives/facts-schema';
import type { CapStatus } from '../src/incentives/rules/evaluate';
import type { Claim, SubmissionReceipt } from '../src/incentives/claim-schema';

/**
 * The deal workflow's state as plain JSON: what it starts with, what it keeps, and what it
 * carries across continue-as-new. Types only: the workflow never loads zod schemas.
 */

export type TimelineType =
  | 'deal.registered'
  | 'stage.entered'
  | 'step.entered'
  | 'step.completed'
  | 'step.recorded'
  | 'handoff.started'
  | 'handoff.accepted'
  | 'handoff.returned'
  | 'successPlan.submitted'
  | 'successPlan.revised'
  | 'outcomes.recorded'
  | 'usage.recorded'
  | 'expansion.booked'
  | 'health.observed'
  | 'owner.reassigned'
  | 'renewal.prompted'
  | 'deadline.reminder'
  | 'deadline.escalated'
  | 'deadline.breached'
  | 'deadline.met'
  | 'deadline.extended'
  | 'deadline.paused'
  | 'deadline.resumed'
  | 'claim.submitted'
  | 'claim.ineligible'
  | 'action.refused'
  | 'notification.failed'
  | 'lifecycle.completed';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue | undefined };

/** One line of the business timeline; detail fields sit beside the common ones. */
export interface TimelineEntry {
  /** `t1`, `t2`...: stable across continue-as-new, referenced by claims' traces. */
  id: string;
  /** ISO instant. */
  at: string;
  type: TimelineType;
  /** The person who acted; absent for what the workflow does on its own (timers, triggers). */
  actor?: string;
  [detail: string]: JsonValue | undefined;
}

export type DeadlineKind = 'incentive' | 'handoff-sla' | 'renewal';
export type DeadlineStatus = 'open' | 'met' | 'breached' | 'cancelled';

export interface DeadlineExtension {
  by: string;
  reason: string;
  at: string;
  fromDueAt: string;
  toDueAt: string;
}

/** A window with the playbook's escalation ladder. Instants are epoch ms of business time. */
export interface Deadline {
  id: string;
  kind: DeadlineKind;
  label: string;
  /** Whose R and A receive the ladder's rungs. */
  subject: RaciSubject;
  startsAt: number;
  dueAt: number;
  status: DeadlineStatus;
  /** Ids of the rungs already fired, so each fires once per due date. */
  firedRungs: string[];
  paused?: { at: number; by: string; reason: string };
  extensions: DeadlineExtension[];
  /** Incentive milestones (`kind:id`) whose proof meets the deadline. */
  milestones?: string[];
  handoff?: { templateId: string; instance: number };
  closedAt?: number;
}

export interface OpenHandoff {
  templateId: string;
  instance: number;
  name: string;
  workflowId: string;
  status: 'open' | 'returned';
  startedAt: string;
  deadlineId: string;
}

export interface DealClaim {
  milestone: string;
  claim: Claim;
  receipt: SubmissionReceipt;
}

export interface IneligibleClaim {
  milestone: string;
  reasonCode: string;
  reason: string;
  at: string;
}

/** Everything the workflow knows, carried whole across continue-as-new. */
export interface DealMemory {
  lifecycle: LifecycleState;
  team: Team;
  facts: DealFacts;
  /** Timeline ids of the facts, for claim traces: `successPlan`, `outcomes`, `usage:<id>`, `expansion:<n>`. */
  factEvents: Record<string, string>;
  deadlines: Deadline[];
  handoffs: OpenHandoff[];
  timeline: TimelineEntry[];
  claims: DealClaim[];
  ineligible: IneligibleClaim[];
  capStatus: Partial<Record<string, CapStatus>>;
  renewalPrompted: boolean;
  /** Business time minus workflow time: 0 in production; a simulation books the deal at its start. */
  timeShiftMs: number;
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
