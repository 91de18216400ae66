import { afterAll, beforeAll, expect, it } from 'vitest';
import { dealWorkflowId, refusalRecordSignal } from '../../workflows/deal-messages';
import { booking, batonCli, call, startApiStack, type ApiStack } from './api-stack';

let stack: ApiStack;

beforeAll(async () => {
  stack = await startApiStack();
});
afterAll(async () => {
  await stack?.stop();
});


const stuckGauge = async (): Promise<number> => {
  const text = await (await fetch(`${stack.url}/metrics`)).text();
  return Number(/^baton_deals_stuck (\d+)$/m.exec(text)?.[1]);
};

/**
 * A deal whose workflow task fails on every attempt is detected from the server's records (no
 * query), counted on /metrics for an alert, and listed for the partner's administrators. The
 * deal is wedged here by a malformed signal its handler throws on: every replay fails the same way.
 */
it('a deal whose workflow task keeps failing is counted in baton_deals_stuck and listed by GET /stuck-deals for LEAD or EXEC only', async () => {
  for (const id of ['healthy-1', 'wedged-1']) expect((await call(stack, 'ana', 'POST', '/deals', booking(id))).status).toBe(201);
  expect(await call(stack, 'lee', 'GET', '/stuck-deals')).toEqual({ status: 200, body: { workflows: [] } });
  expect(await stuckGauge()).toBe(0);

  const wedged = dealWorkflowId('northwind', 'wedged-1');
  await stack.client.workflow.getHandle(wedged).signal(refusalRecordSignal, null as never);
  await expect.poll(async () => (await call(stack, 'lee', 'GET', '/stuck-deals')).body.workflows, { timeout: 60_000, interval: 1_000 }).toEqual([
    expect.objectContaining({ dealId: 'wedged-1', workflowId: wedged, workflowType: 'dealWorkflow', attempt: expect.any(Number), failure: expect.stringMatching(/TypeError|Cannot destructure|null/) }),
  ]);
  // The gauge counts at most every 30 s: it sees the deal by the next census.
  await expect.poll(stuckGauge, { timeout: 45_000, interval: 2_000 }).toBe(1);

  expect((await call(stack, 'ana', 'GET', '/stuck-deals')).status).toBe(403);
  expect((await call(stack, 'ana', 'POST', '/deals/wedged-1/repair', {})).status).toBe(403);
  const healthy = await call(stack, 'lee', 'POST', '/deals/healthy-1/repair', {});
  expect({ status: healthy.status, message: healthy.body.message }).toEqual({ status: 409, message: expect.stringMatching(/deal healthy-1 is not stuck/) });
  expect((await call(stack, 'lee', 'POST', '/deals/no-such-deal/repair', {})).status).toBe(404);

  const listed = await batonCli(stack, ['deal', 'stuck'], { as: 'lee' });
  expect(listed.code).toBe(0);
  expect(listed.stdout).toMatch(/wedged-1\s+deal:northwind:wedged-1\s+\d+/);
  const refused = await batonCli(stack, ['deal', 'repair', 'healthy-1'], { as: 'lee' });
  expect({ code: refused.code, stderr: refused.stderr }).toEqual({ code: 1, stderr: expect.stringMatching(/deal healthy-1 is not stuck/) });
  await stack.client.workflow.getHandle(wedged).terminate('test done');
}, 150_000);
