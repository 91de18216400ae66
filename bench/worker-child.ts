import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LiveHeap } from './live-heap';
import type { WorkerMessage, WorkerProcessOptions, WorkerReading } from './worker-protocol';

const entry = fileURLToPath(new URL('./worker-process.ts', import.meta.url));
const readyTimeoutMs = 60_000;

export interface WorkerProcess {
  pid: number;
  /** Memory after a full garbage collection, and the activity. */
  measure(): Promise<WorkerReading>;
  /** The reachable heap of the main thread and of the workflow threads, from heap snapshots. */
  measureLiveHeap(): Promise<LiveHeap>;
  /** Resolves once no task has been in hand for `quietMs`: the worker has caught up. */
  waitUntilIdle(quietMs?: number): Promise<WorkerReading>;
  stop(): Promise<void>;
}

/** Forks bench/worker-process.ts and waits until its worker polls. */
export async function startWorkerProcess(options: WorkerProcessOptions): Promise<WorkerProcess> {
  const child: ChildProcess = fork(entry, [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (answer: WorkerReading | LiveHeap) => void; reject: (err: Error) => void }>();
  let nextId = 0;
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // A question the process will not answer any more fails instead of waiting for ever.
  void exited.then((code) => {
    for (const { reject } of pending.values()) reject(new Error(`the bench worker exited with ${code} before it answered`));
    pending.clear();
  });

  await new Promise<void>((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`the bench worker did not start within ${readyTimeoutMs} ms`)), readyTimeoutMs);
    child.once('exit', (code) => reject(new Error(`the bench worker exited with ${code} before it was ready`)));
    child.on('message', (message: WorkerMessage) => {
      if ('ready' in message) {
        clearTimeout(timeout);
        resolve();
      } else {
        pending.get(message.id)?.resolve('reading' in message ? message.reading : message.liveHeap);
        pending.delete(message.id);
      }
    });
  });

  const ask = <T extends WorkerReading | LiveHeap>(request: { type: 'read'; collectGarbage: boolean } | { type: 'live-heap' }): Promise<T> =>
    new Promise((resolve, reject) => {
      if (child.exitCode !== null) return reject(new Error(`the bench worker exited with ${child.exitCode}`));
      const id = nextId++;
      pending.set(id, { resolve: resolve as (answer: WorkerReading | LiveHeap) => void, reject });
      child.send({ ...request, id });
    });
  const read = (collectGarbage: boolean) => ask<WorkerReading>({ type: 'read', collectGarbage });

  return {
    pid: child.pid!,
    measure: () => read(true),
    measureLiveHeap: () => ask<LiveHeap>({ type: 'live-heap' }),
    async waitUntilIdle(quietMs = 1_000) {
      for (;;) {
        const reading = await read(false);
        if (reading.idleForMs >= quietMs) return reading;
        await new Promise((r) => setTimeout(r, Math.max(200, quietMs - reading.idleForMs)));
      }
    },
    async stop() {
      if (child.exitCode !== null) return;
      child.send({ type: 'stop' });
      const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(force);
    },
  };
}
