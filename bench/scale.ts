import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { TemporalCliSource } from '../src/platform/temporal-cli';
import type { Playbook } from '../src/domain/playbook/schema';
import type { Program } from '../src/incentives/program-schema';
import { registerDeal } from '../src/temporal/deal-client';
import type { baselineWorkflow } from '../workflows/baseline';
import { dealWorkflowId } from '../workflows/deal-messages';
import { benchNamespace, startBenchServer } from './bench-server';
import { waitUntilCaughtUp } from './caught-up';
import { accountManager, benchDeal, benchPartner } from './deal-fixture';
import { residentMiB } from './machine';
import { progressEvery5Percent, say } from './progress';
import { runPool } from './stats';
import { measureTimerWindow, planTimerWindow, timedPlaybook, timerInstant, type TimerWindowOptions, type TimerWindowPlan, type TimerWindowResult } from './timer-window';
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
  /** The worker's main isolate only (`heapUsed`): the workflow threads, where the deals live, are not in it (the memory phase measures every isolate). */
  workerMainHeapAfterMiB: number;
  workerCachedWorkflows: number;
  /** With a timer window: one workflow in ten had a timer due in it, and how late each was acted on. */
  timers?: TimerWindowResult;
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

/** How one side starts its `i`th workflow, and (with a timer window) names it for the window's reading. */
interface SideStarter {
  start(client: Client, i: number, window: TimerWindowPlan | undefined): Promise<void>;
  workflowId(i: number): string;
}

/**
 * N deals left open with their live timers (the Sales -> CS handoff's SLA ladder), then N
 * baseline workflows left waiting, each side on its own fresh dev server and worker process so
 * that each side's resident memory is its own. With a timer window, one workflow in ten on each
 * side gets a timer due in it (a deal its first rung, with a Sales -> CS window to match; a
 * baseline a plain timer), and the side stays up until the window is over and read.
 */
export async function measureScale(ctx: ScaleContext, deals: number, concurrency: number, timerWindow?: TimerWindowOptions): Promise<ScaleResult> {
  const timed = timerWindow && (await timedPlaybook(mkdtempSync(join(ctx.workDir, 'timed-playbook-'))));
  const baton = await scaleSide(ctx, 'deals', deals, concurrency, timerWindow, {
    async start(client, i, window) {
      const deal = benchDeal(`scale-${i}`);
      const instant = window && timerInstant(window, i);
      const playbook = instant === undefined || !timed ? ctx.playbook : timed.withFirstRungAt(instant, Date.now());
      await registerDeal(client, { deal, partner: benchPartner, playbook, program: ctx.program, registeredBy: accountManager(deal), taskQueue });
    },
    workflowId: (i) => dealWorkflowId(benchPartner.id, `scale-${i}`),
  });
  const baseline = await scaleSide(ctx, 'baseline workflows', deals, concurrency, timerWindow, {
    async start(client, i, window) {
      const instant = window && timerInstant(window, i);
      const args: [number?] = instant === undefined ? [] : [Math.max(1, instant - Date.now())];
      await client.workflow.start<typeof baselineWorkflow>('baselineWorkflow', { taskQueue, workflowId: `scale-baseline-${i}`, args });
    },
    workflowId: (i) => `scale-baseline-${i}`,
  });
  return { deals, concurrency, baton, baseline };
}

async function scaleSide(ctx: ScaleContext, what: string, count: number, concurrency: number, timerWindow: TimerWindowOptions | undefined, side: SideStarter): Promise<ScaleSide> {
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
    const window = timerWindow && planTimerWindow(timerWindow, count, startedAt);
    await runPool(count, concurrency, (i) => side.start(client, i, window), progressEvery5Percent(`scale: ${what} started`, count));
    const startSeconds = (Date.now() - startedAt) / 1000;
    say(`scale: waiting for the worker to catch up with the ${what}' tasks`);
    const idle = await waitUntilCaughtUp(worker, client, taskQueue);
    const workerAfter = await worker.measure();
    const timedIds = Array.from({ length: count }, (_, i) => i).filter((i) => window && timerInstant(window, i) !== undefined).map(side.workflowId);
    const timers = window && (await measureTimerWindow(client, window, timedIds, idle.lastBusyAt));
    return {
      workflows: count,
      startSeconds,
      settledSeconds: Math.max(startSeconds, (idle.lastBusyAt - startedAt) / 1000),
      serverRssBeforeMiB,
      serverRssAfterMiB: serverRss(),
      workerRssBeforeMiB: workerBefore.rssMiB,
      workerRssAfterMiB: workerAfter.rssMiB,
      workerMainHeapAfterMiB: workerAfter.heapUsedMiB,
      workerCachedWorkflows: workerAfter.cachedWorkflows,
      ...(timers ? { timers } : {}),
    };
  } finally {
    await worker.stop();
    await connection.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
