import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { registerDeal } from '../src/temporal/deal-client';
import type { baselineWorkflow } from '../workflows/baseline';
import { benchNamespace } from './bench-server';
import { waitUntilCaughtUp } from './caught-up';
import type { JourneyContext } from './deal-journey';
import { accountManager, benchDeal, benchPartner } from './deal-fixture';
import { say } from './progress';
import { runPool } from './stats';
import { startWorkerProcess } from './worker-child';

export interface CachedMemorySide {
  /** Deals started (each caches its deal workflow and its open handoff workflow) or baseline workflows. */
  count: number;
  /** Workflow executions in the cache after them (fewer when the worker evicted some, e.g. after a task timeout). */
  cachedWorkflows: number;
  /**
   * Per deal (two cached executions) or per baseline workflow, from the executions actually
   * cached: the reachable heap of the main thread and the workflow threads together, and apart.
   */
  heapKiBEach: number;
  mainHeapKiBEach: number;
  workflowHeapKiBEach: number;
  rssKiBEach: number;
}

export interface CachedMemoryResult {
  baton: CachedMemorySide;
  baseline: CachedMemorySide;
}

export interface CachedMemoryContext extends Omit<JourneyContext, 'taskQueue'> {
  address: string;
  bundlePath: string;
  workDir: string;
  runId: string;
}

const startConcurrency = 20;

/**
 * Worker memory per cached workflow: a fresh worker process caches M deals (each with its open
 * handoff), another M baseline workflows; RSS after a full GC and the reachable heap of every
 * isolate (bench/live-heap.ts), before and after, per workflow. One of each kind runs first so
 * that the sandbox's fixed cost is not counted.
 */
export async function measureCachedMemory(ctx: CachedMemoryContext, count: number): Promise<CachedMemoryResult> {
  const baton = await cachedSide(ctx, 'deals', count, 2, async (client, taskQueue, id) => {
    const deal = benchDeal(id);
    await registerDeal(client, { deal, partner: benchPartner, playbook: ctx.playbook, program: ctx.program, registeredBy: accountManager(deal), taskQueue });
  });
  const baseline = await cachedSide(ctx, 'baseline workflows', count, 1, async (client, taskQueue, id) => {
    await client.workflow.start<typeof baselineWorkflow>('baselineWorkflow', { taskQueue, workflowId: id });
  });
  return { baton, baseline };
}

async function cachedSide(
  ctx: CachedMemoryContext,
  what: string,
  count: number,
  workflowsEach: number,
  start: (client: Client, taskQueue: string, id: string) => Promise<void>,
): Promise<CachedMemorySide> {
  const taskQueue = `${ctx.runId}-cache-${what.replace(/\W+/g, '-')}`;
  const worker = await startWorkerProcess({
    address: ctx.address,
    namespace: benchNamespace,
    taskQueue,
    bundlePath: ctx.bundlePath,
    dataDir: join(ctx.workDir, taskQueue),
    // Room for every workflow of the measurement, handoffs included: none is evicted.
    maxCachedWorkflows: 2 * count + 10,
  });
  try {
    await start(ctx.client, taskQueue, `${taskQueue}-warm`);
    await waitUntilCaughtUp(worker, ctx.client, taskQueue);
    // RSS first: a heap snapshot's own buffers would be in it.
    const before = await worker.measure();
    const heapBefore = await worker.measureLiveHeap();
    say(`worker memory: caching ${count} ${what} in a fresh worker`);
    await runPool(count, startConcurrency, (i) => start(ctx.client, taskQueue, `${taskQueue}-${i}`));
    await waitUntilCaughtUp(worker, ctx.client, taskQueue);
    const after = await worker.measure();
    const heapAfter = await worker.measureLiveHeap();
    const cachedWorkflows = after.cachedWorkflows - before.cachedWorkflows;
    const kiBEach = (beforeMiB: number, afterMiB: number): number => ((afterMiB - beforeMiB) * 1024) / (cachedWorkflows / workflowsEach);
    const mainHeapKiBEach = kiBEach(heapBefore.mainMiB, heapAfter.mainMiB);
    const workflowHeapKiBEach = kiBEach(heapBefore.workflowThreadsMiB, heapAfter.workflowThreadsMiB);
    return {
      count,
      cachedWorkflows,
      heapKiBEach: mainHeapKiBEach + workflowHeapKiBEach,
      mainHeapKiBEach,
      workflowHeapKiBEach,
      rssKiBEach: kiBEach(before.rssMiB, after.rssMiB),
    };
  } finally {
    await worker.stop();
  }
}
