import type { Client } from '@temporalio/client';
import type { DealViewWithHandoffs } from '../../../src/temporal/deal-client';
import { SALES_TO_CS_DEADLINE, SLA_LADDER } from './fault-deals';

/** Names of the workflow-task failures (non-determinism, a throwing handler) in a workflow's history. */
export async function workflowTaskFailures(client: Client, workflowId: string): Promise<string[]> {
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? [])
    .filter((e) => e.workflowTaskFailedEventAttributes)
    .map((e) => `${workflowId}: ${e.workflowTaskFailedEventAttributes?.failure?.message ?? 'workflow task failed'}`);
}

const fractions = [0.4, 0.6, 0.8, 1];

/**
 * The Sales -> CS ladder entries of a deal whose handoff was never accepted: every rung and the
 * breach, once each, each dated at the instant it was due.
 */
export function expectedLadder(view: DealViewWithHandoffs): { type: string; rung: string | undefined; at: string }[] {
  const deadline = view.deadlines.find((d) => d.id === SALES_TO_CS_DEADLINE);
  if (!deadline) throw new Error(`deal ${view.dealId} has no ${SALES_TO_CS_DEADLINE} deadline`);
  return SLA_LADDER.map(([type, rung], i) => ({
    type,
    rung,
    at: new Date(Math.round(deadline.startsAt + fractions[i]! * (deadline.dueAt - deadline.startsAt))).toISOString(),
  }));
}

/** The ladder entries the deal recorded for the Sales -> CS deadline, in timeline order. */
export function recordedLadder(view: DealViewWithHandoffs): { type: string; rung: string | undefined; at: string }[] {
  return view.timeline
    .filter((e) => e.deadlineId === SALES_TO_CS_DEADLINE && ['deadline.reminder', 'deadline.escalated', 'deadline.breached'].includes(e.type))
    .map((e) => ({ type: e.type, rung: e.rung as string | undefined, at: e.at }));
}
