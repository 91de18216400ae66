import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import type { RunningDevServer } from '../../src/platform/dev-server';
import { dealWorkflowId } from '../../workflows/deal-messages';
import { handoffWorkflowId } from '../../workflows/handoff-messages';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { freePort, startTestDevServer, tempDir, workflowBundle } from '../support/temporal';
import { expectedLadder, recordedLadder, workflowTaskFailures } from './support/deal-checks';
import {
  SALES_TO_CS_DEADLINE,
  actInOrder,
  expectedClaimKey,
  handoffActions,
  hasEntry,
  partner,
  people,
  planActions,
  registerFaultDeal,
  shortSlaPlaybook,
  waitForView,
} from './support/fault-deals';
import { WorkerProcess } from './support/worker-process';

/**
 * The dev server is stopped (SIGTERM, then SIGKILL) and started again on the same data file and
 * port while deals wait on their handoffs: every deal, handoff and deadline timer survives, the
 * ladder fires after the restarts, and the handoffs can still be accepted.
 */

const SLA = 'PT30S';
const taskQueue = `faults-restart-${randomUUID()}`;
const runTag = randomUUID().slice(0, 8);
const deals = Array.from({ length: 4 }, (_, i) => ({ dealId: `restart-${runTag}-${i}`, accepts: i % 2 === 0 }));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dataDir = tempDir('faults-restart');
let port: number;
let server: RunningDevServer;
let connection: Connection;
let client: Client;
let database: TestDatabase;
let worker: WorkerProcess;

beforeAll(async () => {
  database = await createTestDatabase();
  port = await freePort();
  server = await startTestDevServer(dataDir, port);
  connection = await Connection.connect({ address: server.address });
  client = new Client({ connection });
  worker = new WorkerProcess({ temporalAddress: server.address, taskQueue, workflowBundlePath: workflowBundle().codePath, dataDir: tempDir('faults-restart-worker'), databaseUrl: database.url });
  await worker.start();
});

afterAll(async () => {
  await worker?.kill();
  await connection?.close();
  await server?.stop('SIGKILL');
  await database?.close();
});

async function restart(signal: NodeJS.Signals): Promise<number> {
  await server.stop(signal);
  await sleep(2_000);
  server = await startTestDevServer(dataDir, port);
  return Date.now();
}

async function expectAllRunning(): Promise<void> {
  for (const { dealId } of deals) {
    const deal = dealWorkflowId(partner.id, dealId);
    for (const workflowId of [deal, handoffWorkflowId(deal, 'sales-to-cs', 1)]) {
      expect((await client.workflow.getHandle(workflowId).describe()).status.name, workflowId).toBe('RUNNING');
    }
  }
}

describe('a dev server stopped and restarted on its data file mid-run', () => {
  it('keeps every deal, handoff and timer, and the timers fire after the restarts', async () => {
    const playbook = await shortSlaPlaybook(SLA);
    for (const { dealId } of deals) await registerFaultDeal(client, dealId, taskQueue, playbook);
    await Promise.all(deals.map(({ dealId }) => actInOrder(client, dealId, handoffActions({ accept: false }))));

    const gracefulAt = await restart('SIGTERM');
    await expectAllRunning();
    const killedAt = await restart('SIGKILL');
    await expectAllRunning();
    expect(worker.running, worker.output).toBe(true);

    // After both restarts: the acceptors accept, every deal submits its plan.
    await Promise.all(deals.map(({ dealId, accepts }) => actInOrder(client, dealId, accepts ? [handoffActions({ accept: true }).at(-1)!, ...planActions()] : planActions())));
    const views = await Promise.all(
      deals.map(({ dealId, accepts }) =>
        waitForView(client, dealId, (v) => hasEntry(v, 'claim.submitted') && (accepts ? hasEntry(v, 'handoff.accepted') : hasEntry(v, 'deadline.breached')), 60_000),
      ),
    );

    for (const [i, view] of views.entries()) {
      const { dealId, accepts } = deals[i]!;
      const sla = view.deadlines.find((d) => d.id === SALES_TO_CS_DEADLINE)!;
      expect(view.timeline.filter((e) => e.type === 'claim.submitted').map((e) => e.idempotencyKey), dealId).toEqual([expectedClaimKey(dealId)]);
      if (accepts) {
        expect(view.timeline.filter((e) => e.type === 'handoff.accepted').map((e) => e.actor), dealId).toEqual([people.csm]);
        expect(['met', 'breached'], dealId).toContain(sla.status);
        const fired = recordedLadder(view);
        expect(fired, dealId).toEqual(expectedLadder(view).slice(0, fired.length));
      } else {
        // The whole ladder, each rung once at its instant; the breach came due after both restarts.
        expect(recordedLadder(view), dealId).toEqual(expectedLadder(view));
        expect(sla.dueAt, dealId).toBeGreaterThan(killedAt);
        const breach = view.timeline.find((e) => e.type === 'deadline.breached' && e.deadlineId === SALES_TO_CS_DEADLINE)!;
        expect(breach.recipients, dealId).toEqual([people.lead]);
      }
      expect(await workflowTaskFailures(client, dealWorkflowId(partner.id, dealId))).toEqual([]);
    }
    console.log(`[faults] dev server restarted after SIGTERM (${gracefulAt}) and SIGKILL (${killedAt}); SLA windows ${SLA}`);
  }, 180_000);
});
