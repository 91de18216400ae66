import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { baselineFinishSignal, baselineNoopUpdate } from '../../workflows/baseline';
import { batonSearchAttributes } from '../../src/temporal/search-attributes';
import type { RunningDevServer } from '../../src/platform/dev-server';
import { freePort, startTestDevServer, tempDir, workflowBundle } from '../support/temporal';

const taskQueue = 'platform-test';
const servers: RunningDevServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

async function connect(server: RunningDevServer) {
  const connection = await Connection.connect({ address: server.address });
  return { connection, client: new Client({ connection }) };
}

async function withWorker<T>(server: RunningDevServer, fn: () => Promise<T>): Promise<T> {
  const connection = await NativeConnection.connect({ address: server.address });
  const worker = await Worker.create({ connection, taskQueue, workflowBundle: workflowBundle() });
  try {
    return await worker.runUntil(fn());
  } finally {
    await connection.close();
  }
}

describe('dev server started by the launcher', () => {
  it('runs a workflow round trip and registers Baton search attributes', async () => {
    const server = await startTestDevServer();
    servers.push(server);
    const { connection, client } = await connect(server);
    try {
      const registered = await connection.operatorService.listSearchAttributes({ namespace: 'default' });
      for (const key of batonSearchAttributes) expect(Object.keys(registered.customAttributes)).toContain(key.name);

      const result = await withWorker(server, async () => {
        const handle = await client.workflow.start('baselineWorkflow', { taskQueue, workflowId: `rt-${randomUUID()}` });
        expect(await handle.executeUpdate(baselineNoopUpdate, { args: [41] })).toBe(41);
        await handle.signal(baselineFinishSignal);
        return handle.result();
      });
      expect(result).toBe(1);
    } finally {
      await connection.close();
    }
  });

  it('finds its running workflows again after a restart on the same data file', async () => {
    const dataDir = tempDir('restart');
    const port = await freePort();
    const first = await startTestDevServer(dataDir, port);
    const workflowId = `survivor-${randomUUID()}`;
    {
      const { connection, client } = await connect(first);
      await withWorker(first, async () => {
        const handle = await client.workflow.start('baselineWorkflow', { taskQueue, workflowId });
        await handle.executeUpdate(baselineNoopUpdate, { args: [1] });
      });
      await connection.close();
    }
    await first.stop();

    const second = await startTestDevServer(dataDir, port);
    servers.push(second);
    const { connection, client } = await connect(second);
    try {
      const handle = client.workflow.getHandle(workflowId);
      expect((await handle.describe()).status.name).toBe('RUNNING');
      const updates = await withWorker(second, async () => {
        await handle.signal(baselineFinishSignal);
        return handle.result();
      });
      // The update applied before the restart is still in the workflow's state.
      expect(updates).toBe(1);
    } finally {
      await connection.close();
    }
  });
});
