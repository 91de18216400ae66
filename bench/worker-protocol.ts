import type { LiveHeap } from './live-heap';

/** The messages between the bench and a worker process (bench/worker-process.ts). */

export interface WorkerProcessOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  /** A workflow bundle written once per bench run. */
  bundlePath: string;
  /** The claims outbox. */
  dataDir: string;
  maxCachedWorkflows?: number;
}

/**
 * `collectGarbage` first for memory readings; not for the frequent activity readings.
 * `live-heap`: the reachable heap of every isolate, from heap snapshots (bench/live-heap.ts).
 */
export type WorkerRequest = { type: 'read'; id: number; collectGarbage: boolean } | { type: 'live-heap'; id: number } | { type: 'stop' };

/** Memory (after a full garbage collection when asked) and whether the worker has caught up with its tasks. */
export interface WorkerReading {
  rssMiB: number;
  /** The main isolate's `heapUsed`: the workflow threads' heaps are not in it (see `live-heap`). */
  heapUsedMiB: number;
  cachedWorkflows: number;
  /** How long no workflow or activity task has been in hand; 0 while one is. */
  idleForMs: number;
  /** Epoch milliseconds of the last change in the tasks in hand. */
  lastBusyAt: number;
}

export type WorkerMessage = { ready: true } | { id: number; reading: WorkerReading } | { id: number; liveHeap: LiveHeap };
