import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createCapsActivities } from '../../activities/caps';
import { createClaimsActivities } from '../../activities/claims';
import { createHandoffActivities } from '../../activities/handoffs';
import { createNotifyActivities } from '../../activities/notify';
import { OutboxClaimsGateway } from '../../src/claims/outbox-gateway';
import { Deal } from '../../src/domain/schemas/deal';
import type { NotificationInput } from '../../src/notify/notification-schema';
import { getDealView, InvalidInputError, registerDeal, type DealViewWithHandoffs } from '../../src/temporal/deal-client';
import { workflowBundle } from '../support/temporal';
import { deal, intersightEvidence, partner, people, successPlan } from './fixtures/journeys';
import { journeyEnvironment } from './journey-support';
import { DISCARD_SNAPSHOTS, readModelSinks } from '../../src/temporal/read-model-sinks';

/**
 * The journeys' deal, booked 2021-01-15, entered into Baton years later (the test server's clock
 * starts at today's date): nothing it missed is announced, and its imported history is judged on
 * its own days.
 */

let env: TestWorkflowEnvironment;
let dataDir: string;
const sent: NotificationInput[] = [];
beforeAll(async () => {
  env = await journeyEnvironment();
  dataDir = mkdtempSync(join(tmpdir(), 'baton-past-deal-'));
});
afterAll(async () => {
  await env?.teardown();
  rmSync(dataDir, { recursive: true, force: true });
});

async function withWorker<T>(taskQueue: string, run: () => Promise<T>): Promise<T> {
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: workflowBundle(),
    // Its read-model rows go nowhere, as its activities' writes.
    sinks: readModelSinks(DISCARD_SNAPSHOTS),
    activities: {
      ...createNotifyActivities({
        notifier: { send: async (n) => (sent.push(n), [{ channel: 'log', idempotencyKey: n.idempotencyKey, deliveredAt: new Date().toISOString(), reference: 'test' }]) },
        publicUrl: 'http://baton.test',
      }),
      ...createClaimsActivities({ claims: new OutboxClaimsGateway({ dataDir }) }),
      ...createCapsActivities({ client: env.client }),
      ...createHandoffActivities({ client: env.client }),
      // This test reads the deals' queries; their read-model writes go nowhere.
      projectDeal: async () => ({ applied: true }),
      projectHandoff: async () => ({ applied: true }),
    },
  });
  return worker.runUntil(run);
}

/** The deal's view once `ready` holds (its worker settles the booking in a few tasks). */
async function viewWhen(workflowId: string, ready: (view: DealViewWithHandoffs) => boolean): Promise<DealViewWithHandoffs> {
  for (let attempt = 0; ; attempt++) {
    const view = await getDealView(env.client, { workflowId }).catch(() => undefined);
    if (view && ready(view)) return view;
    if (attempt > 200) throw new Error(`the deal ${workflowId} did not settle: ${JSON.stringify(view?.timeline.map((e) => e.type))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ofDeal = (dealId: string) => sent.filter((n) => n.dealId === dealId);

it('enters a deal booked in 2021 without announcing a single past rung; each closed window is recorded once as closed', async () => {
  const view = await withWorker('past-quiet', async () => {
    const { workflowId } = await registerDeal(env.client, { deal: Deal.parse({ ...deal, id: 'past-quiet' }), partner, registeredBy: people.am, taskQueue: 'past-quiet' });
    return viewWhen(workflowId, (v) => v.deadlines.filter((d) => d.kind === 'incentive').every((d) => d.status !== 'open') && v.timeline.some((e) => e.type === 'renewal.prompted'));
  });
  expect(ofDeal('past-quiet').map((n) => n.kind)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^deadline\./)]));
  // The handoff starts now, for real work: that one is announced.
  expect(ofDeal('past-quiet').map((n) => n.kind)).toContain('handoff.assigned');
  const breached = view.timeline.filter((e) => e.type === 'deadline.breached');
  const incentiveIds = view.deadlines.filter((d) => d.kind === 'incentive').map((d) => d.id);
  expect(breached.map((e) => e.deadlineId)).toEqual(expect.arrayContaining(incentiveIds));
  expect(new Set(breached.map((e) => e.deadlineId)).size).toBe(breached.length);
  expect(breached.every((e) => e.beforeEntry === true)).toBe(true);
  expect(view.timeline.filter((e) => e.type === 'deadline.reminder' || e.type === 'deadline.escalated')).toEqual([]);
  // Its ladders say so too: the rungs due before it entered were spent, not sent; none reads fired.
  const incentiveLadders = view.deadlines.filter((d) => d.kind === 'incentive').map((d) => d.ladder);
  for (const ladder of incentiveLadders) {
    expect(ladder.filter((step) => step.action !== 'breach').every((step) => !step.fired && step.beforeEntry === true)).toBe(true);
    expect(ladder.at(-1)).toMatchObject({ id: 'breach', fired: true, beforeEntry: true });
  }
});

it('applies imported facts on their own days, marked as imported and by whom, and claims what they proved in time', async () => {
  const history = [
    { on: '2021-03-16', action: { type: 'usage.record', actor: people.css, evidence: intersightEvidence } },
    { on: '2021-02-10', action: { type: 'successPlan.submit', actor: people.csm, plan: successPlan } },
  ];
  const view = await withWorker('past-history', async () => {
    const { workflowId } = await registerDeal(env.client, { deal: Deal.parse({ ...deal, id: 'past-history' }), partner, registeredBy: people.lead, taskQueue: 'past-history', history });
    return viewWhen(workflowId, (v) => v.claims.length >= 2 && v.deadlines.filter((d) => d.kind === 'incentive').every((d) => d.status !== 'open'));
  });
  const submitted = view.timeline.find((e) => e.type === 'successPlan.submitted')!;
  expect(submitted).toMatchObject({ at: '2021-02-10T00:00:00.000Z', actor: people.csm, imported: true, importedBy: people.lead, on: '2021-02-10' });
  expect(view.timeline.find((e) => e.type === 'usage.recorded')).toMatchObject({ at: '2021-03-16T00:00:00.000Z', imported: true, importedBy: people.lead });
  // Judged on its day: the plan came within the window, which is met, not breached.
  expect(view.deadlines.find((d) => d.id === 'adopt-success-plan')?.status).toBe('met');
  expect(view.claims.map((c) => c.milestone)).toEqual(expect.arrayContaining([expect.stringMatching(/success-plan/)]));
  expect(ofDeal('past-history').map((n) => n.kind)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^deadline\./)]));
});

it('refuses a history day before the booking or after today, naming the fact', async () => {
  const bad = (on: string) => registerDeal(env.client, {
    deal: Deal.parse({ ...deal, id: 'past-bad' }),
    partner,
    registeredBy: people.am,
    history: [{ on, action: { type: 'successPlan.submit', actor: people.csm, plan: successPlan } }],
  });
  await expect(bad('2020-12-31')).rejects.toThrow(/\[0\]\.on: 2020-12-31 is before the booking on 2021-01-15/);
  await expect(bad('2099-01-01')).rejects.toThrow(InvalidInputError);
  await expect(bad('2099-01-01')).rejects.toThrow(/is after today/);
});
