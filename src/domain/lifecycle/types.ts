import type { Role } from '../schemas/common';
import type { Person } from '../schemas/team';
import type { LineItem } from '../schemas/deal';
import type { UserAction } from '../schemas/actions';
import type { HandoffTrigger } from '../playbook/schema';
import type { RenewalRiskLevel } from '../health/risk';

/**
 * Types of the lifecycle API. Everything here is plain JSON so a deal workflow can carry the
 * state across continue-as-new and record events and effects in its history.
 */

/**
 * Events the deal workflow raises itself (not user actions):
 * - `handoff.accepted`: a handoff finished with the receiving side's acceptance.
 * - `handoff.returned`: the receiving side returned the handoff for information; it stays in
 *   progress until a later `handoff.accepted`.
 * - `renewal.due`: the renewal lead time has been reached (see `renewalDueOn`); starts the
 *   handoffs triggered by renewal.
 * - `health.observed`: a health score (1-10) and/or licence utilisation (0-1) was computed;
 *   below a `health-low` trigger's thresholds it starts that handoff (e.g. csm-to-css); a
 *   computed renewal risk at a `renewal-due` trigger's `earlyOnRisk` levels starts that handoff early.
 */
export type SystemEvent =
  | { type: 'handoff.accepted'; templateId: string }
  | { type: 'handoff.returned'; templateId: string; reason: string }
  | { type: 'renewal.due' }
  | { type: 'health.observed'; healthScore?: number; utilisation?: number; renewalRisk?: RenewalRiskLevel };

export type LifecycleEvent = UserAction | SystemEvent;

export const SYSTEM_EVENT_TYPES: ReadonlyArray<SystemEvent['type']> = ['handoff.accepted', 'handoff.returned', 'renewal.due', 'health.observed'];

/** `open` until accepted; `returned` while the receiving side waits for information. */
export type HandoffStatus = 'open' | 'returned' | 'accepted';

export interface HandoffProgress {
  status: HandoffStatus;
  /** 1 for the first run of the template on this deal, 2 for the next (triggered handoffs recur). */
  instance: number;
}

/** The facts the exit criteria and triggers look at, accumulated from events. */
export interface LifecycleContext {
  dealId: string;
  playbook: { id: string; version: number };
  /** The step the deal is at; null once the lifecycle is complete. */
  currentStep: string | null;
  /** Steps completed by moving through them, in order. */
  completedSteps: string[];
  /** Optional steps before the entry step that were recorded after the fact. */
  recordedSteps: string[];
  /** Latest run of each handoff template that has started, by template id. */
  handoffs: Record<string, HandoffProgress>;
  /** 0 until a success plan is submitted, then 1, 2... per revision. */
  successPlanVersion: number;
  outcomesConfirmed: boolean;
  usageRecords: number;
  expansionBookings: number;
}

/** Statechart value: `{ [stageId]: stepId }` while running, `"completed"` at the end. */
export type LifecycleStateValue = string | Record<string, string>;

export interface LifecycleState {
  value: LifecycleStateValue;
  context: LifecycleContext;
}

export interface LifecycleInput {
  dealId: string;
}

/**
 * What the workflow must do or record as a result of an accepted event. Every effect is
 * recorded in the deal's history; the ones that ask for work are `handoff.start` (start the
 * handoff workflow with its SLA), `team.reassign` (update the deal's team), `deadline.*` (apply
 * to the named deadline timer, which the workflow owns) and `lifecycle.completed`.
 */
export type LifecycleEffect =
  | { type: 'stage.entered'; stage: string }
  | { type: 'step.entered'; step: string }
  | { type: 'step.completed'; step: string; by: string }
  | { type: 'step.recorded'; step: string; by: string }
  | { type: 'handoff.start'; templateId: string; instance: number; trigger: HandoffTrigger['on'] }
  | { type: 'handoff.accepted'; templateId: string; instance: number }
  | { type: 'handoff.returned'; templateId: string; instance: number; reason: string }
  | { type: 'successPlan.recorded'; version: number; by: string }
  | { type: 'outcomes.recorded'; by: string }
  | { type: 'usage.recorded'; evidenceId: string; by: string }
  | { type: 'expansion.recorded'; bookedOn: string; by: string }
  | { type: 'attestation.recorded'; attestation: string; by: string }
  | { type: 'health.recorded'; healthScore?: number; utilisation?: number; renewalRisk?: RenewalRiskLevel }
  | { type: 'team.reassign'; role: Role; from: string; to: Person; by: string }
  | { type: 'deadline.extend'; deadlineId: string; days?: number; until?: string; reason: string; by: string }
  | { type: 'deadline.pause'; deadlineId: string; reason: string; by: string }
  | { type: 'deadline.resume'; deadlineId: string; reason: string; by: string }
  | { type: 'booking.amended'; lineItems?: LineItem[]; bookedOn?: string; reason: string; by: string }
  | { type: 'evidence.retracted'; fact: { kind: 'usage' | 'business-outcomes'; id: string }; reason: string; by: string }
  | { type: 'claim.withdrawn'; claimId: string; reason: string; by: string }
  | { type: 'deal.closed'; outcome: 'lost' | 'cancelled'; reason: string; by: string }
  | { type: 'team.added'; role: Role; person: Person; reason: string; by: string }
  | { type: 'team.removed'; role: Role; personId: string; reason: string; by: string }
  | { type: 'team.handedOver'; from: string; to: Person; reason: string; by: string }
  | { type: 'lifecycle.completed' };

export type Decision =
  | { accepted: true; state: LifecycleState; effects: LifecycleEffect[] }
  | { accepted: false; reason: string };
