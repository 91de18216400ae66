import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { journeyEnvironment } from '../workflows/journey-support';
import { dealScript } from './deal-script-arbitrary';
import { taskFailures, walkOrExplain } from './walk-or-explain';

/**
 * fast-check event scripts run through the real deal workflow on the time-skipping server: no
 * workflow task ever fails (deal or handoff), every refusal is recorded with a reason, and the deal
 * answers its queries to the end. BATON_FUZZ_RUNS raises the runs, BATON_FUZZ_SEED replays one.
 */

const numRuns = Number(process.env.BATON_FUZZ_RUNS ?? 12);
const seed = Number(process.env.BATON_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await journeyEnvironment();
});
afterAll(() => env?.teardown());

describe('the deal workflow under generated event scripts', () => {
  it('never fails a workflow task and gives a reason for every refusal', async () => {
    console.log(`[deal fuzz] seed ${seed} (BATON_FUZZ_SEED=${seed} repeats it), ${numRuns} runs`);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(dealScript, async (script) => {
        const dealId = `fuzz-${seed}-${run++}`;
        const result = await walkOrExplain(env, dealId, script, { horizon: 'P130D' });

        const failures = (await Promise.all(result.histories.map(({ runId }) => taskFailures(env, result.workflowId, runId)))).flat();
        const handoffs = result.view.timeline.filter((e) => e.type === 'handoff.started').map((e) => e.workflowId as string);
        for (const workflowId of handoffs) failures.push(...(await taskFailures(env, workflowId)));
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
