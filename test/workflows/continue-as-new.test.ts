import { afterAll, beforeAll, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { getDealRunsUnder } from '../../src/temporal/deal-client';
import { workflowBundle } from '../support/temporal';
import { onTimeScript } from './fixtures/journeys';
import { journeyEnvironment, walk } from './journey-support';
import { replayReadModelSinks } from '../../src/temporal/read-model-sinks';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await journeyEnvironment();
});
afterAll(() => env?.teardown());

const comparable = (timeline: { at: string; type: string; actor?: string }[]) => timeline.map((e) => ({ ...e, at: e.at.slice(0, 10) }));

it('continues as new when the history grows, losing nothing, and each run replays', async () => {
  const whole = await walk(env, 'single-run', onTimeScript());
  const chained = await walk(env, 'chained', onTimeScript(), { historyEventLimit: 40 });

  expect(whole.histories).toHaveLength(1);
  expect(chained.histories.length).toBeGreaterThanOrEqual(3);
  for (const { history } of chained.histories.slice(0, -1)) {
    expect(history.events?.at(-1)?.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();
  }
  const strip = (view: typeof whole.view) =>
    comparable(view.timeline).map((e) => ({ ...e, dealId: undefined, workflowId: undefined, claimId: undefined, idempotencyKey: undefined }));
  expect(strip(chained.view)).toEqual(strip(whole.view));
  expect(chained.view.claims.map((c) => [c.milestone, c.claim.amountUsd])).toEqual(whole.view.claims.map((c) => [c.milestone, c.claim.amountUsd]));
  expect(chained.view.position).toEqual(whole.view.position);
  // The client wrote the memo on the first run; later runs are read through it.
  expect(Object.keys(chained.histories[0]!.history.events?.[0]?.workflowExecutionStartedEventAttributes?.memo?.fields ?? {}).sort()).toEqual(['playbook', 'program']);
  expect(await getDealRunsUnder(env.client, { workflowId: chained.workflowId })).toMatchObject({ playbook: { id: 'default', version: 1 }, program: { id: 'fy2021-lifecycle', version: 1 } });

  const replays = Worker.runReplayHistories({ workflowBundle: workflowBundle(), sinks: replayReadModelSinks }, chained.histories.map((h) => ({ workflowId: chained.workflowId, history: h.history })));
  for await (const result of replays) expect(result.error).toBeUndefined();
});
