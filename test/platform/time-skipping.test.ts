import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { createTimeSkippingEnv } from '../support/temporal';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await createTimeSkippingEnv();
});
afterAll(() => env?.teardown());

it('fires a 90-day timer within seconds of wall time', async () => {
  const workflowBundle = await bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('./fixtures/ninety-day-timer.ts', import.meta.url)),
    logger: new DefaultLogger('WARN'),
  });
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue: 'timer', workflowBundle });
  const startedAt = await env.currentTimeMs();
  const wallStart = performance.now();
  const wokeAt = await worker.runUntil(
    env.client.workflow.execute('ninetyDayTimer', { taskQueue: 'timer', workflowId: 'ninety-days' }),
  );
  const wallSeconds = (performance.now() - wallStart) / 1000;
  expect(wokeAt - startedAt).toBeGreaterThanOrEqual(90 * 24 * 3600 * 1000);
  expect(wallSeconds).toBeLessThan(30);
});
