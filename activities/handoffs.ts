import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { HANDOFF_WORKFLOW_TYPE, type HandoffStatusView, type HandoffWorkflowInput } from '../workflows/handoff-messages';

export interface HandoffsDependencies {
  /** Starts the handoff workflows; without it starting one fails without retries. */
  client?: Client;
}

export interface StartHandoffInput {
  workflowId: string;
  input: HandoffWorkflowInput;
}

/**
 * Starts a handoff as a workflow of its own, beside its deal rather than under it: it reports to
 * the deal by signal to the deal's workflow id, so it outlives any run of the deal, and its
 * completion adds nothing to the deal's history. Idempotent by the handoff's workflow id: a
 * retried start finds the one already running. It runs on this activity's task queue.
 */
export function createHandoffActivities({ client }: HandoffsDependencies) {
  async function startHandoff({ workflowId, input }: StartHandoffInput): Promise<{ runId: string }> {
    if (!client) throw ApplicationFailure.nonRetryable('no Temporal client given to createActivities: handoffs cannot be started', 'HandoffsNotConfigured');
    const handle = await client.workflow.start<(input: HandoffWorkflowInput) => Promise<HandoffStatusView>>(HANDOFF_WORKFLOW_TYPE, {
      workflowId,
      taskQueue: Context.current().info.taskQueue,
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
    });
    return { runId: handle.firstExecutionRunId };
  }
  return { startHandoff };
}
