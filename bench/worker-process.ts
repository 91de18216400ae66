/**
 * A Baton worker in its own process, so that its resident memory is its own: started by
 * `startWorkerProcess` with `--expose-gc`, it answers memory and activity readings over IPC.
 */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createActivities } from '../activities/index';
import { OutboxClaimsGateway } from '../src/claims/outbox-gateway';
import { loadEnvConfig } from '../src/config/env';
import { openDatabase } from '../src/db/open-database';
import { ReadModelWriter } from '../src/db/read-model/read-model-writer';
import { LogNotifier } from '../src/notify/log-notifier';
import { createLogger } from '../src/observability/logger';
import { createBatonWorker } from '../src/temporal/worker';
import { measureLiveHeap, trackWorkerThreads } from './live-heap';
import { installQuietRuntime } from './quiet-runtime';
import type { WorkerProcessOptions, WorkerReading, WorkerRequest } from './worker-protocol';

const options = JSON.parse(process.argv[2]!) as WorkerProcessOptions;
installQuietRuntime();

// The bench's shared database (BATON_DATABASE_URL, see bench-database.ts), else one of its own.
const database = await openDatabase(loadEnvConfig({ BATON_DATABASE_URL: process.env.BATON_DATABASE_URL, BATON_DATA_DIR: options.dataDir }), () => {});
const connection = await Connection.connect({ address: options.address });
const client = new Client({ connection, namespace: options.namespace });
const workerConnection = await NativeConnection.connect({ address: options.address });
// Before the worker starts its workflow threads, whose heaps the memory readings count.
trackWorkerThreads();
const readModel = new ReadModelWriter({ db: database.db, logger: createLogger('warn') });
const worker = await createBatonWorker({
  connection: workerConnection,
  namespace: options.namespace,
  taskQueue: options.taskQueue,
  workflowBundle: { codePath: options.bundlePath },
  maxCachedWorkflows: options.maxCachedWorkflows,
  activities: createActivities({
    publicUrl: 'http://baton.bench',
    notifier: new LogNotifier(createLogger('silent')),
    claims: new OutboxClaimsGateway({ dataDir: options.dataDir }),
    db: database.db,
    client,
  }),
  readModel,
});

// The last instant the number of tasks in hand changed: once it stops moving with none in hand, the worker has caught up.
let lastBusyAt = Date.now();
let inFlight = { activations: 0, activities: 0 };
worker.numInFlightActivations$.subscribe((n) => {
  inFlight = { ...inFlight, activations: n };
  lastBusyAt = Date.now();
});
worker.numInFlightActivities$.subscribe((n) => {
  inFlight = { ...inFlight, activities: n };
  lastBusyAt = Date.now();
});

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('the worker process needs --expose-gc');
  gc();
  gc();
}

function reading(collect: boolean): WorkerReading {
  if (collect) collectGarbage();
  const memory = process.memoryUsage();
  return {
    rssMiB: memory.rss / 2 ** 20,
    heapUsedMiB: memory.heapUsed / 2 ** 20,
    cachedWorkflows: worker.getStatus().numCachedWorkflows,
    // Caught up includes the read-model rows its deals handed over.
    idleForMs: inFlight.activations + inFlight.activities + readModel.pending === 0 ? Date.now() - Math.max(lastBusyAt, readModel.lastWriteAt) : 0,
    lastBusyAt: Math.max(lastBusyAt, readModel.lastWriteAt),
  };
}

/**
 * `Worker.create` keeps a copy of the bundle, compiled and run in a context of the main thread,
 * for 10 s (for debuggers to map breakpoints). A memory reading taken before that holds some 8 MB
 * that then goes away by itself, so memory readings (heap and RSS alike) wait until it is gone.
 */
const sdkDebugCopyReleased = new Promise((resolve) => setTimeout(resolve, 10_500).unref());
const running = worker.run();
process.on('message', (message: WorkerRequest) => {
  if (message.type === 'read') {
    const answer = () => process.send!({ id: message.id, reading: reading(message.collectGarbage) });
    if (message.collectGarbage) void sdkDebugCopyReleased.then(answer);
    else answer();
  } else if (message.type === 'live-heap') {
    sdkDebugCopyReleased.then(measureLiveHeap).then(
      (liveHeap) => process.send!({ id: message.id, liveHeap }),
      (err: unknown) => {
        console.error('bench worker: live heap not measured:', err);
        process.exit(1);
      },
    );
  } else worker.shutdown();
});
process.send!({ ready: true });
await running;
await readModel.drain(10_000);
await workerConnection.close();
await connection.close();
await database.close();
process.disconnect();
