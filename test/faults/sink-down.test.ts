import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities/index';
import { createClaimsGateway } from '../../src/claims/create-gateway';
import { createNotifier } from '../../src/notify/create-notifier';
import { createLogger } from '../../src/observability/logger';
import type { RunningDevServer } from '../../src/platform/dev-server';
import { dealWorkflowId } from '../../workflows/deal-messages';
import { startClaimsSink, type ClaimsSink } from '../adapters/support/claims-sink';
import { startSmtpSink, type SmtpSink } from '../adapters/support/smtp-sink';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { freePort, startTestDevServer, tempDir, workflowBundle } from '../support/temporal';
import { actInOrder, expectedClaimKey, hasEntry, partner, people, planActions, registerFaultDeal, waitForView } from './support/fault-deals';
import { readModelSinks } from '../../src/temporal/read-model-sinks';
import { ReadModelWriter } from '../../src/db/read-model/read-model-writer';

/**
 * The claims endpoint and the SMTP server are down when a deal needs them: the activities fail,
 * wait and retry, and once the sink is back each claim and each e-mail arrives exactly once.
 * The worker is Baton's own wiring (env config -> gateway and notifier) in this process.
 */

const taskQueue = `faults-sink-${randomUUID()}`;
const runTag = randomUUID().slice(0, 8);

let server: RunningDevServer;
let connection: Connection;
let client: Client;
let workerConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let claimsPort: number;
let smtpPort: number;
let smtp: SmtpSink | undefined;
let claims: ClaimsSink | undefined;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestDevServer();
  connection = await Connection.connect({ address: server.address });
  client = new Client({ connection });
  [claimsPort, smtpPort] = await Promise.all([freePort(), freePort()]);
  const config = {
    BATON_DATA_DIR: tempDir('faults-sink'),
    BATON_CLAIMS_ENDPOINT: `http://127.0.0.1:${claimsPort}/claims`,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    BATON_MAIL_FROM: 'baton@localhost',
    BATON_CHAT_WEBHOOK_FORMAT: 'slack' as const,
  };
  const logger = createLogger('silent');
  workerConnection = await NativeConnection.connect({ address: server.address });
  worker = await Worker.create({
    connection: workerConnection,
    taskQueue,
    workflowBundle: workflowBundle(),
    activities: createActivities({ publicUrl: 'http://baton.test', notifier: createNotifier(config, logger, database.db), claims: createClaimsGateway(config, logger), db: database.db, client }),
    sinks: readModelSinks(new ReadModelWriter({ db: database.db, logger })),
  });
  running = worker.run();
});

afterAll(async () => {
  await Promise.all([smtp?.close(), claims?.close()]);
  worker?.shutdown();
  await running;
  await workerConnection?.close();
  await connection?.close();
  await server?.stop();
  await database?.close();
});

/** Waits until the deal's pending activity `name` has failed at least once: the sink really was down. */
async function waitForFailedAttempt(dealId: string, name: string): Promise<string> {
  const handle = client.workflow.getHandle(dealWorkflowId(partner.id, dealId));
  const giveUpAt = Date.now() + 30_000;
  while (Date.now() < giveUpAt) {
    const { raw } = await handle.describe();
    const pending = raw.pendingActivities?.find((a) => a.activityType?.name === name && a.lastFailure);
    if (pending) return pending.lastFailure!.message ?? '';
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no failed ${name} attempt on ${dealId} within 30 s`);
}

/** How many history events say an activity `name` completed. */
async function completedActivities(dealId: string, name: string): Promise<number> {
  const events = (await client.workflow.getHandle(dealWorkflowId(partner.id, dealId)).fetchHistory()).events ?? [];
  const scheduled = new Set(events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === name).map((e) => String(e.eventId)));
  return events.filter((e) => scheduled.has(String(e.activityTaskCompletedEventAttributes?.scheduledEventId))).length;
}

describe('a sink that is down for a while', () => {
  it('e-mail: the notification waits for the SMTP server and is delivered once', async () => {
    const dealId = `smtp-${runTag}`;
    // Registering starts the Sales -> CS handoff, which e-mails its owners.
    await registerFaultDeal(client, dealId, taskQueue);
    expect(await waitForFailedAttempt(dealId, 'notifyAll')).toMatch(/e-mail via 127\.0\.0\.1:\d+ failed/);

    smtp = await startSmtpSink(smtpPort);
    await expect.poll(() => completedActivities(dealId, 'notifyAll'), { timeout: 40_000, interval: 250 }).toBeGreaterThan(0);
    const keys = smtp.messages.map((m) => m.headers.get('x-baton-idempotency-key'));
    expect(keys).toEqual([`${dealWorkflowId(partner.id, dealId)}:handoff:sales-to-cs:1:assigned`]);
    expect(smtp.messages[0]!.envelopeTo.sort()).toEqual([people.am, people.csm].sort());
  }, 60_000);

  it('claims: the claim waits for the endpoint and is stored once', async () => {
    const dealId = `claims-${runTag}`;
    // E-mail works here: a deal's notifications go out before its claims.
    smtp ??= await startSmtpSink(smtpPort);
    await registerFaultDeal(client, dealId, taskQueue);
    await actInOrder(client, dealId, planActions());
    expect(await waitForFailedAttempt(dealId, 'submitClaim')).toMatch(/claims endpoint 127\.0\.0\.1:\d+ did not answer/);

    claims = await startClaimsSink(claimsPort);
    const view = await waitForView(client, dealId, (v) => hasEntry(v, 'claim.submitted'), 40_000);
    expect(view.claims.map((c) => c.receipt.idempotencyKey)).toEqual([expectedClaimKey(dealId)]);
    expect([...claims.stored.keys()]).toEqual([expectedClaimKey(dealId)]);
    expect(claims.requests.map((r) => r.idempotencyKey)).toEqual([expectedClaimKey(dealId)]);
    expect(view.timeline.filter((e) => e.type === 'claim.ineligible')).toEqual([]);
    // The ledger recorded the claim before the first (failed) attempt and kept that one row.
    const ledger = await database.db.selectFrom('claims').select(['idempotency_key', 'status']).where('deal_id', '=', dealId).execute();
    expect(ledger).toEqual([{ idempotency_key: expectedClaimKey(dealId), status: 'submitted' }]);
  }, 60_000);
});
