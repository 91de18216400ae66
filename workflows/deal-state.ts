import type { Team } from '../src/domain/schemas/team';
import type { Deal } from '../src/domain/schemas/deal';
import type { Deadline } from '../src/domain/deadlines';
import type { LifecycleState } from '../src/domain/lifecycle/types';
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
  | 'handoff.notStarted'
  | 'handoff.accepted'
  | 'handoff.returned'
  | 'successPlan.submitted'
  | 'successPlan.revised'
  | 'outcomes.recorded'
  | 'usage.recorded'
  | 'expansion.booked'
  | 'attestation.recorded'
  | 'health.observed'
  | 'owner.reassigned'
  | 'renewal.prompted'
  | 'deadline.reminder'
  | 'deadline.escalated'
  | 'deadline.breached'
  | 'deadline.unattended'
  | 'deadline.met'
  | 'deadline.extended'
  | 'deadline.paused'
  | 'deadline.resumed'
  | 'claim.submitted'
  | 'claim.ineligible'
  | 'action.refused'
  | 'notification.failed'
  | 'booking.amended'
  | 'evidence.retracted'
  | 'claim.withdrawn'
  | 'claim.withdrawalSent'
  | 'claim.withdrawalRefused'
  | 'deal.closed'
  | 'team.added'
  | 'team.removed'
  | 'team.handedOver'
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
  /** Set when the claim was withdrawn: the milestone is not claimed again. */
  withdrawn?: { at: string; by: string; reason: string };
}

/** Why and by whom a deal was closed before its lifecycle ended. */
export interface DealClosure {
  outcome: 'lost' | 'cancelled';
  reason: string;
  by: string;
  at: string;
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
  /** The `seq` of the last read-model write; absent in deals recorded before the read model. */
  projectionSeq?: number;
  /** Business time minus workflow time: 0 in production; a simulation books the deal at its start. */
  timeShiftMs: number;
  /** The booking as amended (`booking.amend`); absent while it is as registered. */
  booking?: Deal;
  /** Set when the deal was closed as lost or cancelled: nothing more is claimed and its run ends. */
  closure?: DealClosure;
  /**
   * When a deal booked on an earlier day entered Baton (business time): nothing due before it is
   * announced. Absent for deals entered on their booking day and for runs recorded before the rule.
   */
  enteredAt?: number;
}
