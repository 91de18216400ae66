import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { Deal } from '../../src/domain/schemas/deal';
import { defaultPlaybook } from '../../src/config/playbook-files';
import { loadProgram } from '../../src/config/program-files';
import { actOnDeal, getDealRunsUnder, InvalidInputError, registerDeal } from '../../src/temporal/deal-client';
import type { DealWorkflowInput } from '../../workflows/deal-messages';
import { workflowBundle } from '../support/temporal';
import { deal, partner, people } from './fixtures/journeys';
import { journeyEnvironment } from './journey-support';
import { DISCARD_SNAPSHOTS, readModelSinks } from '../../src/temporal/read-model-sinks';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await journeyEnvironment();
});
afterAll(() => env?.teardown());

it('registers a deal once: registering it again returns the same workflow run, saying it was not created', async () => {
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'deal-client', workflowBundle: workflowBundle(), activities: {}, sinks: readModelSinks(DISCARD_SNAPSHOTS) });
  await worker.runUntil(async () => {
    const input = { deal: Deal.parse({ ...deal, id: 'twice' }), partner, registeredBy: people.am, taskQueue: 'deal-client' };
    const first = await registerDeal(env.client, input);
    const second = await registerDeal(env.client, { ...input, registeredBy: people.csm });
    expect(first.workflowId).toBe('deal:northwind:twice');
    expect([first.created, second.created]).toEqual([true, false]);
    expect(second.runId).toBe(first.runId);
    await first.handle.terminate('test done');
    const afterEnd = await registerDeal(env.client, input);
    expect(afterEnd).toMatchObject({ runId: first.runId, created: false });
  });
});

it('validates the deal at the edge and says which field is wrong', async () => {
  const bad = { ...deal, lineItems: [] };
  await expect(registerDeal(env.client, { deal: bad, partner, registeredBy: people.am })).rejects.toThrow(InvalidInputError);
  await expect(registerDeal(env.client, { deal: bad, partner, registeredBy: people.am })).rejects.toThrow(/lineItems: a booking needs at least one line item/);
});

it('applies an action that reaches the deal with its very first workflow task', async () => {
  const input = { deal: Deal.parse({ ...deal, id: 'act-at-once' }), partner, registeredBy: people.am, taskQueue: 'deal-client-first-task' };
  // Registered while no worker polls, so the action below is delivered together with the start.
  await registerDeal(env.client, input);
  const acting = actOnDeal(env.client, { partnerId: partner.id, dealId: 'act-at-once' }, { type: 'step.complete', step: 'purchase', actor: people.am });
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: input.taskQueue, workflowBundle: workflowBundle(), activities: {}, sinks: readModelSinks(DISCARD_SNAPSHOTS) });
  const result = await worker.runUntil(acting);
  expect('entries' in result && result.entries.map((e) => e.type)).toContain('step.completed');
});

it('reads the playbook and program a deal runs under from its memo; a deal started without one answers its program from its record', async () => {
  const taskQueue = 'deal-client-memo';
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: workflowBundle(), activities: {}, sinks: readModelSinks(DISCARD_SNAPSHOTS) });
  await worker.runUntil(async () => {
    const registered = await registerDeal(env.client, { deal: Deal.parse({ ...deal, id: 'memo', programId: 'cx-rebate-v1' }), partner, registeredBy: people.am, taskQueue });
    expect(await getDealRunsUnder(env.client, { workflowId: registered.workflowId })).toEqual({
      runId: registered.runId,
      status: 'RUNNING',
      playbook: { id: 'default', version: 1 },
      program: { id: 'cx-rebate-v1', version: 1 },
    });
    // As registrations before the memo existed started it.
    const input: DealWorkflowInput = { deal: Deal.parse({ ...deal, id: 'before-memo' }), partner, playbook: await defaultPlaybook(), program: await loadProgram('fy2021-lifecycle'), registeredBy: people.am };
    const old = await env.client.workflow.start('dealWorkflow', { taskQueue, workflowId: 'deal:northwind:before-memo', args: [input] });
    const runsUnder = await getDealRunsUnder(env.client, { workflowId: old.workflowId });
    expect(runsUnder).toEqual({ runId: old.firstExecutionRunId, status: 'RUNNING', program: { id: 'fy2021-lifecycle', version: 1 } });
    await registered.handle.terminate('test done');
    await old.terminate('test done');
  });
});
