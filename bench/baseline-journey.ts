import type { Client } from '@temporalio/client';
import { baselineFinishSignal, baselineNoopUpdate, type baselineWorkflow } from '../workflows/baseline';

/**
 * The bare baseline of a deal journey: `roundTrips` calls to the server (start, no-op updates,
 * the finish signal) on a workflow that does nothing else.
 */
export async function runBaselineJourney(client: Client, taskQueue: string, workflowId: string, roundTrips: number): Promise<void> {
  const handle = await client.workflow.start<typeof baselineWorkflow>('baselineWorkflow', { taskQueue, workflowId });
  for (let i = 0; i < roundTrips - 2; i++) await handle.executeUpdate(baselineNoopUpdate, { args: [i] });
  await handle.signal(baselineFinishSignal);
}
