import type { Client } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { HANDOFF_WORKFLOW_TYPE } from '../../workflows/handoff-messages';
import { DEAL_WORKFLOW_TYPE, literal } from './deal-visibility';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/**
 * A workflow task that has failed this many times in a row is stuck, not unlucky: a worker killed
 * mid-task costs one attempt, a nondeterminism error or a throwing handler fails every attempt.
 */
export const STUCK_ATTEMPTS = 3;
/** Descriptions in flight at once: detection must not crowd out the work the server does. */
const CONCURRENCY = 8;

export interface StuckWorkflow {
  workflowId: string;
  runId: string;
  type: string;
  /** How often its pending workflow task has been tried. */
  attempt: number;
  /** The last task failure's message (a TMPRL1100 nondeterminism error, say), or why the task keeps timing out. */
  failure: string;
}

/** The last workflow task failure's message, or that it timed out. */
function lastTaskFailure(events: HistoryEvent[]): string {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]!;
    if (event.workflowTaskFailedEventAttributes) return event.workflowTaskFailedEventAttributes.failure?.message ?? String(event.workflowTaskFailedEventAttributes.cause);
    if (event.workflowTaskTimedOutEventAttributes) return 'the workflow task timed out (no worker completed it)';
    if (event.workflowTaskCompletedEventAttributes) break;
  }
  return 'unknown';
}

/**
 * Whether one workflow is stuck, from the server's own records (describe, and the history when
 * its task has failed repeatedly): no worker is asked. Server 1.29.1 has no
 * TemporalReportedProblems search attribute (a visibility query for it is refused as "not a valid
 * search attribute"), so a task's attempt count is the signal.
 */
export async function stuckWorkflow(client: Client, workflowId: string): Promise<StuckWorkflow | undefined> {
  const handle = client.workflow.getHandle(workflowId);
  const description = await handle.describe();
  const attempt = Number(description.raw.pendingWorkflowTask?.attempt ?? 0);
  if (description.status.name !== 'RUNNING' || attempt < STUCK_ATTEMPTS) return undefined;
  const { events } = await client.workflow.getHandle(workflowId, description.runId).fetchHistory();
  return { workflowId, runId: description.runId, type: description.type, attempt, failure: lastTaskFailure(events ?? []) };
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index]!);
      }
    }),
  );
  return results;
}

/**
 * Every stuck deal or handoff workflow, of one partner when `partnerId` is given: the running
 * ones from visibility, each described. A workflow that closes meanwhile is not stuck.
 */
export async function findStuckWorkflows(client: Client, partnerId?: string): Promise<StuckWorkflow[]> {
  const prefix = partnerId === undefined ? '' : ` AND WorkflowId STARTS_WITH ${literal(`deal:${partnerId}:`)}`;
  const query = `(WorkflowType = ${literal(DEAL_WORKFLOW_TYPE)} OR WorkflowType = ${literal(HANDOFF_WORKFLOW_TYPE)}) AND ExecutionStatus = 'Running'${prefix}`;
  const ids: string[] = [];
  for await (const execution of client.workflow.list({ query })) ids.push(execution.workflowId);
  const found = await mapLimited(ids, CONCURRENCY, (id) => stuckWorkflow(client, id).catch(() => undefined));
  return found.filter((s): s is StuckWorkflow => s !== undefined).sort((a, b) => a.workflowId.localeCompare(b.workflowId));
}
