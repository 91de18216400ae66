/**
 * The live heap of a worker process, both of its kinds of isolate: the main thread (the SDK's
 * per-run bookkeeping, activities, the read-model writer) and the workflow threads, where the
 * deals' own state lives. `process.memoryUsage().heapUsed` sees the main isolate only, and after
 * `gc()` it still holds floating garbage that varies with the run (a baseline workflow's share of
 * the main thread read 22.4 or 13.4 KiB that way, 22.7 KiB by snapshot). So the memory per
 * cached workflow is taken from heap snapshots: V8 collects all it can before one, and the sum of
 * the nodes' own sizes is exactly what is still reachable.
 */
import { createRequire } from 'node:module';
import { getHeapSnapshot } from 'node:v8';
import type { Readable } from 'node:stream';
import type { Worker as ThreadWorker } from 'node:worker_threads';

export interface LiveHeap {
  mainMiB: number;
  workflowThreadsMiB: number;
}

const threads: ThreadWorker[] = [];

/**
 * Keeps a handle on every thread started from here on (the SDK starts its workflow threads when
 * the worker is created): call it before. The SDK reads `Worker` off the module at each start,
 * so a subclass put there is the one it constructs.
 */
export function trackWorkerThreads(): void {
  const workerThreads = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  const Original = workerThreads.Worker;
  workerThreads.Worker = class TrackedWorker extends Original {
    constructor(...args: ConstructorParameters<typeof Original>) {
      super(...args);
      threads.push(this);
      this.once('exit', () => threads.splice(threads.indexOf(this), 1));
    }
  };
}

export async function measureLiveHeap(): Promise<LiveHeap> {
  // A figure without the workflows' own heap would look lean and be wrong.
  if (threads.length === 0) throw new Error('no workflow thread is tracked: call trackWorkerThreads() before the worker is created (or the SDK no longer starts its threads through node:worker_threads.Worker)');
  const mainBytes = await liveBytes(getHeapSnapshot());
  let threadBytes = 0;
  for (const thread of threads) threadBytes += await liveBytes(await thread.getHeapSnapshot());
  return { mainMiB: mainBytes / 2 ** 20, workflowThreadsMiB: threadBytes / 2 ** 20 };
}

/** The sum of every node's self size in a heap snapshot (V8's JSON format: a flat array of fields per node). */
async function liveBytes(snapshot: Readable): Promise<number> {
  const chunks: Buffer[] = [];
  for await (const chunk of snapshot) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const { snapshot: meta, nodes } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { snapshot: { meta: { node_fields: string[] } }; nodes: number[] };
  const fields = meta.meta.node_fields.length;
  const selfSize = meta.meta.node_fields.indexOf('self_size');
  let bytes = 0;
  for (let i = selfSize; i < nodes.length; i += fields) bytes += nodes[i]!;
  return bytes;
}
