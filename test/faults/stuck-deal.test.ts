import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import type { RunningDevServer } from '../../src/platform/dev-server';
import { actOnDeal, getDealView, registerDeal } from '../../src/temporal/deal-client';
import { DealBusyError, STALLED_TASK_MS } from '../../src/temporal/safe-query';
import { resetPointOf, resetWorkflow } from '../../src/temporal/repair-deal';
import { findStuckWorkflows } from '../../src/temporal/stuck-deals';
import { dealWorkflowId } from '../../workflows/deal-messages';
import { startClaimsSink, type ClaimsSink } from '../adapters/support/claims-sink';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { quietTemporalRuntime, startTestDevServer, tempDir, workflowBundle } from '../support/temporal';
import { workflowTaskFailures } from './support/deal-checks';
import { SALES_TO_CS_DEADLINE, actInOrder, expectedClaimKey, faultDeal, hasEntry, partner, people, planActions, registerFaultDeal, shortSlaPlaybook, waitForView } from './support/fault-deals';
import { successPlan } from '../workflows/fixtures/journeys';
import { WorkerProcess } from './support/worker-process';
import { replayReadModelSinks } from '../../src/temporal/read-model-sinks';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/**
 * THE STUCK DEAL, ready for an upstream report (@temporalio/* 1.24.0, sdk-core as bundled; dev
 * server: Temporal CLI 1.5.1, server 1.29.1).
 *
 * One of 45 of 90 deals a probe left failing their workflow task forever with
 *   [TMPRL1100] Nondeterminism error: Update machine does not handle this event:
 *   HistoryEvent(id: 33, ActivityTaskScheduled)
 * Its history is ./fixtures/stuck-deal.history.json (copied from the evidence folder, with the
 * worker's activation/command log `stuck-deal.activations.log` and core's debug lines
 * `stuck-deal.core-debug.log`). What happened, event by event:
 *   1-25  worker 3 runs the deal: booked, two updates (step.complete), activity notifyAll; the
 *         task completed at 25 arms the first escalation rung's timer (26).
 *   --    worker 3 is SIGKILLed about 1 s before the rung.
 *   27    the timer fires; 28 schedules a workflow task on worker 3's sticky queue, where no one
 *         polls. While the deal is idle a client QUERIES it (Baton's API queried before every
 *         action, the handoff routes first, every /metrics scrape every deal).
 *   --    worker 4 (new process) receives the query as a legacy query (core debug:
 *         "hasLegacyQuery: true, HistoryUpdate(previous_started_event_id: 25, …)"). Core replays to
 *         the last started task (24) and then ALSO runs the activation for the fired timer
 *         (activation log: "replaying=false histLen=28 jobs=[fireTimer#1]" →
 *         "CMD [scheduleActivity(notifyAll)]"), although no task for it has started, and keeps
 *         that command in its cache.
 *   29    the sticky task times out (10 s); 30 schedules it on the normal queue, 31 worker 4 starts
 *         it, carrying the successPlan.submit update (sequenced at event 30).
 *   32-35 worker 4 completes it with the cached command FIRST: ActivityTaskScheduled (33), then
 *         the update's UpdateAccepted (34) and UpdateCompleted (35).
 *   53    any replay of this history (a new worker, a cache eviction) puts the timer and the
 *         update into one activation and, as the SDK orders jobs, runs the update handler before
 *         the timer's continuation: the update's accept is expected where history has event 33.
 *         Every later task fails the same way; the deal is stuck.
 * Without queries, the same seed gave 0 stuck deals; with `maxCachedWorkflows: 0`, 0 stuck.
 * The probe that found it ran three workers on one task queue with queries every 50-250 ms and
 * /metrics scrapes querying every deal; on this file's single-worker dev server the same timing
 * with an idle-deal query every 200 ms did not wedge the deal in two tries, so the scenario is
 * asserted from the recorded history, and the path Baton now takes (no query) on the server.
 * Baton's query handlers only read state: the trigger is core applying pending events for a
 * legacy query and then completing a real task with the commands they produced.
 *
 * What Baton does about it: its hot paths ask no deal anything (actions are judged by the
 * update's validator, reads come from the read model), a stuck deal is detected
 * (`findStuckWorkflows`, the baton_deals_stuck gauge, `baton deal stuck`) and repaired by a reset
 * to the task whose commands do not replay (`baton deal repair`).
 */

const fixture = new URL('./fixtures/stuck-deal.history.json', import.meta.url);
const stuckDealId = 'deal:northwind:s-s7d-3-0';
const recorded = () => historyFromJSON(JSON.parse(readFileSync(fixture, 'utf8')));
const byId = (events: HistoryEvent[], id: number): HistoryEvent => events.find((e) => Number(e.eventId) === id)!;
const typeOf = (event: HistoryEvent): string => Object.keys(event).find((k) => k.endsWith('EventAttributes'))!.replace(/EventAttributes$/, '');

describe('the recorded stuck deal', () => {
  it('wrote the update after an activity its timer asked for, in the task that delivered both', () => {
    const events = recorded().events ?? [];
    const sequence = (from: number, to: number) => events.filter((e) => Number(e.eventId) >= from && Number(e.eventId) <= to).map((e) => `${String(e.eventId)} ${typeOf(e)}`);
    expect(sequence(25, 36)).toEqual([
      '25 workflowTaskCompleted',
      '26 timerStarted',
      '27 timerFired',
      // The dead worker's sticky queue: nobody picked the task up.
      '28 workflowTaskScheduled',
      '29 workflowTaskTimedOut',
      '30 workflowTaskScheduled',
      '31 workflowTaskStarted',
      '32 workflowTaskCompleted',
      // The timer's notification, produced before this task started (for a legacy query)...
      '33 activityTaskScheduled',
      // ...then the update this task delivered.
      '34 workflowExecutionUpdateAccepted',
      '35 workflowExecutionUpdateCompleted',
      '36 activityTaskStarted',
    ]);
    expect(byId(events, 29).workflowTaskTimedOutEventAttributes?.timeoutType).toBeTruthy();
    expect(byId(events, 33).activityTaskScheduledEventAttributes?.activityType?.name).toBe('notifyAll');
    const accepted = byId(events, 34).workflowExecutionUpdateAcceptedEventAttributes;
    expect(accepted?.acceptedRequest?.input?.name).toBe('successPlan.submit');
    // Sequenced with the task scheduled at 30, that is, delivered together with the fired timer.
    expect(Number(accepted?.acceptedRequestSequencingEventId)).toBe(30);
    const failure = events.at(-1)?.workflowTaskFailedEventAttributes?.failure?.message;
    expect(failure).toBe('[TMPRL1100] Nondeterminism error: Update machine does not handle this event: HistoryEvent(id: 33, ActivityTaskScheduled)');
  });

  it('does not replay (TMPRL1100 at event 33), and its history up to the task that wrote 33 does: the repair resets to there', async () => {
    quietTemporalRuntime();
    const history = recorded();
    const replay = Worker.runReplayHistory({ workflowBundle: workflowBundle(), sinks: replayReadModelSinks }, history, stuckDealId);
    await expect(replay).rejects.toThrow(DeterminismViolationError);
    await expect(replay).rejects.toThrow(/Update machine does not handle this event: HistoryEvent\(id: 33, ActivityTaskScheduled\)/);

    const resetTo = resetPointOf(history.events ?? []);
    expect(resetTo).toBe(32);
    // A reset to 32 keeps events 1-31 and runs task 31 again (the timer and the update, in the order replay uses).
    const kept = { ...history, events: (history.events ?? []).filter((e) => Number(e.eventId) < resetTo!) };
    await expect(Worker.runReplayHistory({ workflowBundle: workflowBundle(), sinks: replayReadModelSinks }, kept, stuckDealId)).resolves.toBeUndefined();
  });
});

describe('on a dev server, with the worker SIGKILLed around a deal\'s first rung', () => {
  let server: RunningDevServer;
  let connection: Connection;
  let client: Client;
  let database: TestDatabase;
  let sink: ClaimsSink;
  let worker: WorkerProcess;
  const taskQueue = `stuck-${randomUUID()}`;
  const tag = randomUUID().slice(0, 8);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    database = await createTestDatabase();
    server = await startTestDevServer();
    connection = await Connection.connect({ address: server.address });
    client = new Client({ connection });
    sink = await startClaimsSink();
    worker = new WorkerProcess({ temporalAddress: server.address, taskQueue, workflowBundlePath: workflowBundle().codePath, dataDir: tempDir('stuck-worker'), databaseUrl: database.url, claimsEndpoint: sink.url });
    await worker.start();
  });
  afterAll(async () => {
    await worker?.kill();
    await sink?.close();
    await connection?.close();
    await server?.stop();
    await database?.close();
  });

  /** The deal is idle (no task pending) in Onboard, its first Sales -> CS rung ahead: when is it due? */
  async function idleBeforeFirstRung(dealId: string): Promise<number> {
    await registerFaultDeal(client, dealId, taskQueue, await shortSlaPlaybook('PT30S'));
    await actInOrder(client, dealId, planActions().slice(0, 2));
    const view = await waitForView(client, dealId, (v) => v.position.step?.id === 'onboard', 30_000);
    const deadline = view.deadlines.find((d) => d.id === SALES_TO_CS_DEADLINE)!;
    return Date.parse(deadline.ladder[0]!.at);
  }

  it('an update sent as the API now sends it (no query) while the worker is dead across the rung leaves the deal healthy and replayable', async () => {
    const dealId = `stuck-${tag}-api`;
    const workflowId = dealWorkflowId(partner.id, dealId);
    const rungAt = await idleBeforeFirstRung(dealId);
    await sleep(Math.max(0, rungAt - Date.now() - 1_000));
    await worker.kill();
    await sleep(Math.max(0, rungAt - Date.now() + 1_000));
    // The rung's timer has fired into the dead worker's sticky queue; the update waits for a worker.
    const submitting = actOnDeal(client, { workflowId }, { type: 'successPlan.submit', actor: people.csm, plan: successPlan });
    await sleep(500);
    await worker.start();
    await submitting;

    const view = await waitForView(client, dealId, (v) => hasEntry(v, 'claim.submitted') && hasEntry(v, 'deadline.reminder'), 90_000);
    expect(view.timeline.filter((e) => e.type === 'successPlan.submitted')).toHaveLength(1);
    expect(await workflowTaskFailures(client, workflowId)).toEqual([]);
    expect(await findStuckWorkflows(client, partner.id)).toEqual([]);
    // What the worker wrote replays: no later worker or cache eviction will find it nondeterministic.
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    await expect(Worker.runReplayHistory({ workflowBundle: workflowBundle(), sinks: replayReadModelSinks }, history, workflowId)).resolves.toBeUndefined();
  }, 180_000);

  it('the query paths left ask no deal whose workflow task waits for a worker that is not there', async () => {
    // Nobody polls this task queue: the deal's first task waits, as a dead sticky worker's would.
    const registered = await registerDeal(client, { deal: faultDeal(`stuck-${tag}-nobody`), partner, registeredBy: people.am, taskQueue: `nobody-${tag}` });
    await sleep(STALLED_TASK_MS + 500);
    await expect(getDealView(client, { workflowId: registered.workflowId })).rejects.toThrow(DealBusyError);
    await registered.handle.terminate('test done');
  });

  it('a reset of a deal to before its claim runs the claim again, and the ledger and the sink still hold it once', async () => {
    const dealId = `stuck-${tag}-claim`;
    const workflowId = dealWorkflowId(partner.id, dealId);
    await registerFaultDeal(client, dealId, taskQueue);
    await actInOrder(client, dealId, planActions());
    await waitForView(client, dealId, (v) => hasEntry(v, 'claim.submitted'), 60_000);
    const key = expectedClaimKey(dealId);
    const postsBefore = sink.requests.filter((r) => r.idempotencyKey === key).length;

    const handle = client.workflow.getHandle(workflowId);
    const { runId } = await handle.describe();
    const events = (await client.workflow.getHandle(workflowId, runId).fetchHistory()).events ?? [];
    const claimScheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'submitClaim')!;
    const beforeClaim = events.filter((e) => e.workflowTaskCompletedEventAttributes && Number(e.eventId) < Number(claimScheduled.eventId)).map((e) => Number(e.eventId)).at(-1)!;
    const repaired = await resetWorkflow(client, { workflowId, runId }, beforeClaim, 'test: reset to before the claim');
    expect(repaired.runId).not.toBe(runId);

    // The new run submits the claim again; the ledger already holds it as submitted, so nothing is sent again.
    const submittedAgain = async () => {
      const rerun = (await client.workflow.getHandle(workflowId, repaired.runId).fetchHistory()).events ?? [];
      const scheduled = rerun.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'submitClaim' && Number(e.eventId) > beforeClaim).map((e) => Number(e.eventId));
      return rerun.some((e) => scheduled.includes(Number(e.activityTaskCompletedEventAttributes?.scheduledEventId ?? -1)));
    };
    await expect.poll(submittedAgain, { timeout: 60_000, interval: 500 }).toBe(true);
    const view = await waitForView(client, dealId, (v) => hasEntry(v, 'claim.submitted'), 60_000);
    expect(view.claims.map((c) => c.receipt.idempotencyKey)).toEqual([key]);
    expect([...sink.stored.keys()].filter((k) => k === key)).toHaveLength(1);
    expect(sink.requests.filter((r) => r.idempotencyKey === key)).toHaveLength(postsBefore);
    const ledger = await database.db.selectFrom('claims').select(['idempotency_key', 'status']).where('idempotency_key', '=', key).execute();
    expect(ledger).toEqual([{ idempotency_key: key, status: 'submitted' }]);
    // The reset itself is recorded as the one failed task of the new run (its reason); nothing else failed.
    expect(await workflowTaskFailures(client, workflowId)).toEqual([`${workflowId}: test: reset to before the claim`]);
    expect(await findStuckWorkflows(client, partner.id)).toEqual([]);
  }, 180_000);
});
