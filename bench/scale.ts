import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { TemporalCliSource } from '../src/platform/temporal-cli';
import type { Playbook } from '../src/domain/playbook/schema';
import type { Program } from '../src/incentives/program-schema';
import { registerDeal } from '../src/temporal/deal-client';
import type { baselineWorkflow } from '../workflows/baseline';
import { benchNamespace, startBenchServer } from './bench-server';
import { waitUntilCaughtUp } from './caught-up';
import { accountManager, benchDeal, benchPartner } from './deal-fixture';
import { residentMiB } from './machine';
import { progressEvery5Percent, say } from './progress';
import { runPool } from './stats';
import { startWorkerProcess } from './worker-child';

export interface ScaleSide {
  workflows: number;
  /** Until every start call was answered. */
  startSeconds: number;
  /** Until the worker had run every task the starts caused (first tasks, handoff children, notifications). */
  settledSeconds: number;
  serverRssBeforeMiB: number;
  serverRssAfterMiB: number;
  workerRssBeforeMiB: number;
  workerRssAfterMiB: number;
  workerHeapAfterMiB: number;
  workerCachedWorkflows: number;
}

export interface ScaleResult {
  deals: number;
  concurrency: number;
  baton: ScaleSide;
  baseline: ScaleSide;
}

export interface ScaleContext {
  cli: TemporalCliSource;
  bundlePath: string;
  workDir: string;
  playbook: Playbook;
  program: Program;
}

const taskQueue = 'bench-scale';

/**
 * N deals left open with their live timers (the Sales -> CS handoff's SLA ladder), then N
 * baseline workflows left waiting, each side on its own fresh dev server and worker process so
 * that each side's resident memory is its own.
 */
export async function measureScale(ctx: ScaleContext, deals: number, concurrency: number): Promise<ScaleResult> {
  const baton = await scaleSide(ctx, 'deals', deals, concurrency, async (client, i) => {
    const deal = benchDeal(`scale-${i}`);
    await registerDeal(client, { deal, partner: benchPartner, playbook: ctx.playbook, program: ctx.program, registeredBy: accountManager(deal), taskQueue });
  });
  const baseline = await scaleSide(ctx, 'baseline workflows', deals, concurrency, async (client, i) => {
    await client.workflow.start<typeof baselineWorkflow>('baselineWorkflow', { taskQueue, workflowId: `scale-baseline-${i}` });
  });
  return { deals, concurrency, baton, baseline };
}

async function scaleSide(ctx: ScaleContext, what: string, count: number, concurrency: number, start: (client: Client, i: number) => Promise<void>): Promise<ScaleSide> {
  const dir = mkdtempSync(join(ctx.workDir, 'scale-'));
  const server = await startBenchServer(ctx.cli, dir);
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, namespace: benchNamespace });
  const worker = await startWorkerProcess({ address: server.address, namespace: benchNamespace, taskQueue, bundlePath: ctx.bundlePath, dataDir: join(dir, 'claims') });
  const serverRss = () => (server.pid === undefined ? Number.NaN : residentMiB(server.pid));
  try {
    const workerBefore = await worker.measure();
    const serverRssBeforeMiB = serverRss();
    say(`scale: starting ${count} ${what}, ${concurrency} at a time, on a fresh server and worker`);
    const startedAt = Date.now();
    await runPool(count, concurrency, (i) => start(client, i), progressEvery5Percent(`scale: ${what} started`, count));
    const startSeconds = (Date.now() - startedAt) / 1000;
    say(`scale: waiting for the worker to catch up with the ${what}' tasks`);
    const idle = await waitUntilCaughtUp(worker, client, taskQueue);
    const workerAfter = await worker.measure();
    return {
      workflows: count,
      startSeconds,
      settledSeconds: Math.max(startSeconds, (idle.lastBusyAt - startedAt) / 1000),
      serverRssBeforeMiB,
      serverRssAfterMiB: serverRss(),
      workerRssBeforeMiB: workerBefore.rssMiB,
      workerRssAfterMiB: workerAfter.rssMiB,
      workerHeapAfterMiB: workerAfter.heapUsedMiB,
      workerCachedWorkflows: workerAfter.cachedWorkflows,
    };
  } finally {
    await worker.stop();
    await connection.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
