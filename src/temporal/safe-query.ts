import type { QueryDefinition, WorkflowHandle } from '@temporalio/client';
import protos from '@temporalio/proto';
import { timestampMs } from './timestamp';

// The package is CommonJS: its enums are read from the default export under Node's ESM loader.
const SCHEDULED = protos.temporal.api.enums.v1.PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_SCHEDULED;

/** A workflow task no worker has started for this long is waiting on a worker that is not there. */
export const STALLED_TASK_MS = 2_000;

/** The deal cannot answer now: its workflow task waits for a worker (`queryUnlessStalled`), or it has more updates in flight than the server takes (`actOnDeal`). Try again shortly. */
export class DealBusyError extends Error {
  override readonly name = 'DealBusyError';
}

/**
 * A query, unless the workflow has a task that no worker has picked up for STALLED_TASK_MS (its
 * sticky worker died with a timer due, say). Such a query would reach the next worker as a
 * legacy query riding on that task, which is how @temporalio 1.24 wedged deals (see
 * test/faults/stuck-deal.test.ts): Baton's hot paths do not query at all; the paths that still
 * do (rerun, the views not yet read from the read model) go through here. One describe first,
 * answered by the server alone.
 */
export async function queryUnlessStalled<T>(handle: WorkflowHandle, query: QueryDefinition<T>): Promise<T> {
  const { raw } = await handle.describe();
  const pending = raw.pendingWorkflowTask;
  if (pending?.state === SCHEDULED) {
    const waitedMs = Date.now() - timestampMs(pending.scheduledTime);
    if (waitedMs > STALLED_TASK_MS) throw new DealBusyError(`${handle.workflowId}: its workflow task has waited ${Math.round(waitedMs / 1000)} s for a worker; not queried until a worker has it`);
  }
  return handle.query(query);
}
