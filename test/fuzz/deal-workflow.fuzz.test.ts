import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { JourneyResult } from '../../src/simulation/run-journey';
import { dealWorkflowId } from '../../workflows/deal-messages';
import { partner } from '../workflows/fixtures/journeys';
import { journeyEnvironment, walk } from '../workflows/journey-support';
import { dealScript } from './deal-script-arbitrary';

/**
 * fast-check event scripts run through the real deal workflow on the time-skipping server: no
 * workflow task ever fails (deal or handoff), every refusal is recorded with a reason, and the deal
 * answers its queries to the end. BATON_FUZZ_RUNS raises the runs, BATON_FUZZ_SEED replays one.
 */

const numRuns = Number(process.env.BATON_FUZZ_RUNS ?? 12);
const seed = Number(process.env.BATON_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** A failed workflow task leaves an update waiting forever; a run that long has one. */
const runTimeoutMs = 45_000;

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await journeyEnvironment();
});
afterAll(() => env?.teardown());

async function taskFailures(workflowId: string, runId?: string): Promise<string[]> {
  const history = await env.client.workflow.getHandle(workflowId, runId).fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowTaskFailedEventAttributes).map((e) => `${workflowId}: ${e.workflowTaskFailedEventAttributes!.failure?.message}`);
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${runTimeoutMs} ms: a workflow task is failing`)), runTimeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

describe('the deal workflow under generated event scripts', () => {
  it('never fails a workflow task and gives a reason for every refusal', async () => {
    console.log(`[deal fuzz] seed ${seed} (BATON_FUZZ_SEED=${seed} repeats it), ${numRuns} runs`);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(dealScript, async (script) => {
        const dealId = `fuzz-${seed}-${run++}`;
        let result: JourneyResult;
        try {
          result = await withTimeout(walk(env, dealId, script, { horizon: 'P130D' }), dealId);
        } catch (err) {
          const failures = await taskFailures(dealWorkflowId(partner.id, dealId)).catch(() => []);
          throw new Error(`${String(err)}\n${failures.join('\n')}`, { cause: err });
        }

        const failures = (await Promise.all(result.histories.map(({ runId }) => taskFailures(result.workflowId, runId)))).flat();
        const handoffs = result.view.timeline.filter((e) => e.type === 'handoff.started').map((e) => e.workflowId as string);
        for (const workflowId of handoffs) failures.push(...(await taskFailures(workflowId)));
        expect(failures).toEqual([]);

        const refused = result.steps.filter((s) => s.outcome !== 'accepted');
        for (const step of refused) expect(step.reason?.trim(), JSON.stringify(step)).toBeTruthy();
        const recorded = result.view.timeline.filter((e) => e.type === 'action.refused');
        expect(recorded).toHaveLength(refused.length);
        for (const entry of recorded) expect(String(entry.reason ?? '').trim(), JSON.stringify(entry)).not.toBe('');
        // The view came from the deal's queries after the horizon: it still answers.
        expect(result.view.dealId).toBe(dealId);
      }),
      { numRuns, seed, endOnFailure: true },
    );
  }, 600_000);
});
