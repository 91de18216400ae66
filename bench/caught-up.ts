import type { Client } from '@temporalio/client';
import protos from '@temporalio/proto';
import type { WorkerProcess } from './worker-child';
import type { WorkerReading } from './worker-protocol';

// A CommonJS package: its namespace is the default export under Node's ESM loader.
const { TaskQueueKind, TaskQueueType } = protos.temporal.api.enums.v1;

async function backlog(client: Client, taskQueue: string, type: protos.temporal.api.enums.v1.TaskQueueType): Promise<number> {
  const { stats } = await client.workflowService.describeTaskQueue({
    namespace: client.options.namespace,
    taskQueue: { name: taskQueue, kind: TaskQueueKind.TASK_QUEUE_KIND_NORMAL },
    taskQueueType: type,
    reportStats: true,
  });
  return Number(stats?.approximateBacklogCount ?? 0);
}

/**
 * Resolves once the worker has run every task queued for it: it has had none in hand for a
 * while and the server holds no workflow or activity task for its queue. (The server's backlog
 * figure is cached for a few seconds, so a stale one only makes this wait longer.)
 */
export async function waitUntilCaughtUp(worker: WorkerProcess, client: Client, taskQueue: string): Promise<WorkerReading> {
  for (;;) {
    const reading = await worker.waitUntilIdle();
    const queued = (await backlog(client, taskQueue, TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW)) + (await backlog(client, taskQueue, TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY));
    if (queued === 0) return reading;
    await new Promise((r) => setTimeout(r, 1_000));
  }
}
