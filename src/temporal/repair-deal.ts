import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import protos, { type temporal } from '@temporalio/proto';

// The package is CommonJS: its namespaces are read from the default export under Node's ESM loader.
const { ResetWorkflowExecutionRequest } = protos.temporal.api.workflowservice.v1;
const { ResetReapplyType } = protos.temporal.api.enums.v1;

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

const eventId = (event: HistoryEvent): number => Number(event.eventId ?? 0);

/**
 * Where to reset a workflow whose task keeps failing: the completion of the workflow task whose
 * commands no longer replay, so the reset keeps everything before it and runs that task again.
 * A nondeterminism error names the first event that does not match ("HistoryEvent(id: 33, …)");
 * that event came from the last task completed before it. Any other failure (a throwing handler)
 * redoes the last task completed before the failures began. Undefined when no task ever completed.
 */
export function resetPointOf(events: HistoryEvent[]): number | undefined {
  const completions = events.filter((e) => e.workflowTaskCompletedEventAttributes).map(eventId);
  const failures = events.filter((e) => e.workflowTaskFailedEventAttributes);
  const named = /HistoryEvent\(id: (\d+)/.exec(failures.at(-1)?.workflowTaskFailedEventAttributes?.failure?.message ?? '')?.[1];
  const before = named !== undefined ? Number(named) : (failures.map(eventId).find((id) => id > (completions.at(-1) ?? 0)) ?? Infinity);
  return completions.filter((id) => id < before).at(-1);
}

/** The workflow never completed a task: there is no earlier state to reset to. */
export class NothingToResetError extends Error {
  override readonly name = 'NothingToResetError';
}

export interface DealRepair {
  workflowId: string;
  /** The run that was stuck, and the run the reset started. */
  fromRunId: string;
  runId: string;
  /** The workflow task completion the new run starts after. */
  resetToEventId: number;
}

/**
 * Repairs a stuck workflow: resets its current run to `resetPointOf` its history, reapplying the
 * signals and updates received after that point (a handoff's answer, a health observation, a
 * user's action). Work the dropped part had asked for runs again: claims are idempotent by key in
 * the ledger and at the sink, notifications by key in the delivery ledger, the read model by seq,
 * so nothing is paid or sent twice.
 */
export async function repairWorkflow(client: Client, workflowId: string, why: string): Promise<DealRepair> {
  const { runId } = await client.workflow.getHandle(workflowId).describe();
  const { events } = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  const resetToEventId = resetPointOf(events ?? []);
  if (resetToEventId === undefined) throw new NothingToResetError(`${workflowId} never completed a workflow task: there is no earlier state to reset it to (terminate it and register the deal again)`);
  return resetWorkflow(client, { workflowId, runId }, resetToEventId, why);
}

/** Resets a run to after the workflow task completed at `resetToEventId`, reapplying later signals and updates. */
export async function resetWorkflow(client: Client, run: { workflowId: string; runId: string }, resetToEventId: number, why: string): Promise<DealRepair> {
  // fromObject takes the event id as a number (the request's type wants protobuf's Long).
  const request = ResetWorkflowExecutionRequest.fromObject({
    namespace: client.options.namespace,
    workflowExecution: run,
    reason: why,
    workflowTaskFinishEventId: resetToEventId,
    requestId: randomUUID(),
    resetReapplyType: ResetReapplyType.RESET_REAPPLY_TYPE_ALL_ELIGIBLE,
  });
  const reset: temporal.api.workflowservice.v1.IResetWorkflowExecutionResponse = await client.workflowService.resetWorkflowExecution(request);
  return { workflowId: run.workflowId, fromRunId: run.runId, runId: reset.runId ?? '', resetToEventId };
}
