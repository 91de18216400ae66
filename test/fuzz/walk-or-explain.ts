import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { JourneyOptions, JourneyResult } from '../../src/simulation/run-journey';
import type { ScriptStep } from '../../src/simulation/script';
import { dealWorkflowId } from '../../workflows/deal-messages';
import { partner } from '../workflows/fixtures/journeys';
import { walk } from '../workflows/journey-support';

/** A failed workflow task leaves an update waiting forever; a run that long has one. */
const RUN_TIMEOUT_MS = 45_000;

/** The failure messages of the workflow tasks that failed in one run of a workflow. */
export async function taskFailures(env: TestWorkflowEnvironment, workflowId: string, runId?: string): Promise<string[]> {
  const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes).map((e) => `${workflowId}: ${e.workflowTaskFailedEventAttributes!.failure?.message}`);
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${RUN_TIMEOUT_MS} ms: a workflow task is failing`)), RUN_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Walks the fixture deal through a generated script; a run that hangs fails with its workflow task failures. */
export async function walkOrExplain(env: TestWorkflowEnvironment, dealId: string, script: ScriptStep[], options: Partial<JourneyOptions>): Promise<JourneyResult> {
  try {
    return await withTimeout(walk(env, dealId, script, options), dealId);
  } catch (err) {
    const failures = await taskFailures(env, dealWorkflowId(partner.id, dealId)).catch(() => []);
    throw new Error(`${String(err)}\n${failures.join('\n')}`, { cause: err });
  }
}
