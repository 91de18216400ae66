import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger, NativeConnection, Worker } from '@temporalio/worker';
import { createCapsActivities, type ReserveAdoptionSlotInput, type ReserveAdoptionSlotResult } from '../../activities/caps';
import { loadProgram } from '../../src/config/program-files';
import { Deal } from '../../src/domain/schemas/deal';
import { Partner } from '../../src/domain/schemas/partner';
import type { SpecializationLevel } from '../../src/domain/schemas/common';
import { capDecision } from '../../src/incentives/rules/caps';
import type { RunningDevServer } from '../../src/platform/dev-server';
import { capsUsageQuery, PARTNER_CAPS_WORKFLOW_TYPE, partnerCapsWorkflowId } from '../../workflows/partner-caps-messages';
import type { partnerCapsWorkflow } from '../../workflows/partner-caps';
import { startTestDevServer, workflowBundle } from '../support/temporal';

const taskQueue = 'partner-caps-test';
const program = await loadProgram('fy2021-lifecycle');
/** In FY2021 Q3 of the program's fiscal calendar. */
const COUNTED_ON = '2021-03-01';

let server: RunningDevServer;
let connection: Connection;
let client: Client;
let workerConnection: NativeConnection;
let worker: Worker;
let workerRun: Promise<void>;

beforeAll(async () => {
  server = await startTestDevServer();
  connection = await Connection.connect({ address: server.address });
  client = new Client({ connection });
  workerConnection = await NativeConnection.connect({ address: server.address });
  worker = await Worker.create({ connection: workerConnection, taskQueue, workflowBundle: workflowBundle() });
  workerRun = worker.run();
});

afterAll(async () => {
  worker?.shutdown();
  await workerRun;
  await workerConnection?.close();
  await connection?.close();
  await server?.stop();
});

/** What the deal workflow sends: the counter and limit come from the program's cap rule. */
function slotRequest(options: { partnerId: string; dealId: string; specialization?: SpecializationLevel; ea?: boolean }): ReserveAdoptionSlotInput {
  const deal = Deal.parse({
    id: options.dealId,
    partnerId: options.partnerId,
    customer: { name: 'Acme' },
    architecture: 'data-center',
    enterpriseAgreement: options.ea ?? false,
    bookedOn: '2021-01-15',
    lineItems: [{ sku: 'SW-1', netValueUsd: 120_000, software: true }],
    renewal: { termMonths: 36 },
    team: { AM: [{ id: 'am@partner.example', name: 'A M' }] },
  });
  const partner = Partner.parse({ id: options.partnerId, name: 'Partner', specialization: options.specialization ?? 'specialized', architectures: ['data-center'] });
  const decision = capDecision({ program, incentiveKind: 'adopt', deal, partner, countedOn: COUNTED_ON });
  if (!decision) throw new Error('the program has no Adopt cap');
  return {
    partnerId: options.partnerId,
    architecture: deal.architecture,
    fiscalQuarter: decision.limited ? decision.fiscalQuarter.label : 'FY2021 Q3',
    enterpriseAgreement: deal.enterpriseAgreement,
    dealId: deal.id,
    milestone: 'adopt:success-plan',
    limit: decision.limited ? decision.limit : null,
  };
}

function reserve(request: ReserveAdoptionSlotInput): Promise<ReserveAdoptionSlotResult> {
  const { reserveAdoptionSlot } = createCapsActivities({ client });
  // Refused malformed requests are expected here; the activity's own failure log would be noise.
  return new MockActivityEnvironment({ taskQueue }, { logger: new DefaultLogger('ERROR') }).run(reserveAdoptionSlot, request);
}

function reserveAtOnce(partnerId: string, count: number, options: { ea?: boolean; specialization?: SpecializationLevel } = {}) {
  return Promise.all(Array.from({ length: count }, (_, i) => reserve(slotRequest({ partnerId, dealId: `deal-${i + 1}`, ...options }))));
}

function newPartner(): string {
  return `p-${randomUUID().slice(0, 8)}`;
}

describe('adoption cap entity: one per partner and fiscal year', () => {
  it('grants exactly the non-EA limit of 3 to 10 deals reserving at once; the others get "cap reached"', async () => {
    const partnerId = newPartner();
    const results = await reserveAtOnce(partnerId, 10);
    const granted = results.filter((r) => r.granted);
    const refused = results.filter((r) => !r.granted);
    expect(granted).toHaveLength(3);
    expect(granted.map((r) => r.used).sort()).toEqual([1, 2, 3]);
    expect(refused).toHaveLength(7);
    for (const r of refused) {
      expect(r).toEqual({
        granted: false,
        reason: `cap reached: 3 of 3 non-EA data-center adoptions used in FY2021 Q3 (partner ${partnerId})`,
        used: 3,
        limit: 3,
      });
    }
    const usage = await client.workflow.getHandle(partnerCapsWorkflowId(partnerId, 2021)).query(capsUsageQuery);
    expect(usage.counters).toEqual([{ architecture: 'data-center', fiscalQuarter: 'FY2021 Q3', enterpriseAgreement: false, used: 3, uncapped: 0, refused: 7, limit: 3 }]);
  });

  it('counts Enterprise Agreement adoptions separately, up to 6', async () => {
    const partnerId = newPartner();
    const standard = await reserveAtOnce(partnerId, 3);
    expect(standard.every((r) => r.granted)).toBe(true);
    const ea = await Promise.all(Array.from({ length: 8 }, (_, i) => reserve(slotRequest({ partnerId, dealId: `ea-${i + 1}`, ea: true }))));
    expect(ea.filter((r) => r.granted)).toHaveLength(6);
    expect(ea.filter((r) => !r.granted).map((r) => r.reason)).toEqual([
      `cap reached: 6 of 6 EA data-center adoptions used in FY2021 Q3 (partner ${partnerId})`,
      `cap reached: 6 of 6 EA data-center adoptions used in FY2021 Q3 (partner ${partnerId})`,
    ]);
  });

  it('always grants an uncapped (advanced) partner, recording without counting', async () => {
    const partnerId = newPartner();
    const results = await reserveAtOnce(partnerId, 8, { specialization: 'advanced' });
    expect(results).toEqual(Array.from({ length: 8 }, () => ({ granted: true, used: 0, limit: null })));
    const usage = await client.workflow.getHandle(partnerCapsWorkflowId(partnerId, 2021)).query(capsUsageQuery);
    expect(usage.counters).toEqual([{ architecture: 'data-center', fiscalQuarter: 'FY2021 Q3', enterpriseAgreement: false, used: 0, uncapped: 8, refused: 0, limit: null }]);
  });

  it('answers the same deal and milestone again with its first decision, without taking a second slot', async () => {
    const partnerId = newPartner();
    const first = await reserve(slotRequest({ partnerId, dealId: 'deal-a' }));
    const again = await reserve({ ...slotRequest({ partnerId, dealId: 'deal-a' }), fiscalQuarter: 'FY2021-Q3' });
    expect(first).toEqual({ granted: true, used: 1, limit: 3 });
    expect(again).toEqual(first);
    const others = await Promise.all(['deal-b', 'deal-c', 'deal-d'].map((dealId) => reserve(slotRequest({ partnerId, dealId }))));
    expect(others.map((r) => r.granted)).toEqual(expect.arrayContaining([true, true, false]));
    // A refusal is as sticky as a grant.
    const refused = others.find((r) => !r.granted)!;
    const refusedDeal = ['deal-b', 'deal-c', 'deal-d'][others.indexOf(refused)]!;
    expect(await reserve(slotRequest({ partnerId, dealId: refusedDeal }))).toEqual(refused);
  });

  it('refuses a malformed request without retrying', async () => {
    const partnerId = newPartner();
    await expect(reserve({ ...slotRequest({ partnerId, dealId: 'deal-x' }), fiscalQuarter: '2021Q3' })).rejects.toThrow(/fiscalQuarter must look like "FY2021 Q3"/);
    await expect(reserve({ ...slotRequest({ partnerId, dealId: 'deal-x' }), limit: -1 })).rejects.toThrow(/limit must be a whole number/);
  });

  it('continues as new after its safety threshold, keeping every reservation, even with requests in flight', async () => {
    const partnerId = newPartner();
    const workflowId = partnerCapsWorkflowId(partnerId, 2021);
    const handle = await client.workflow.start<typeof partnerCapsWorkflow>(PARTNER_CAPS_WORKFLOW_TYPE, {
      workflowId,
      taskQueue,
      args: [{ partnerId, fiscalYear: 2021, requestsPerRun: 2 }],
    });
    const results = await reserveAtOnce(partnerId, 10);
    expect(results.filter((r) => r.granted)).toHaveLength(3);

    const description = await client.workflow.getHandle(workflowId).describe();
    expect(description.runId).not.toBe(handle.firstExecutionRunId);
    const usage = await client.workflow.getHandle(workflowId).query(capsUsageQuery);
    expect(usage.reservations).toBe(10);
    expect(usage.counters[0]).toMatchObject({ used: 3, refused: 7 });
    // Earlier runs' decisions still hold: a granted deal keeps its slot, no new slot opens.
    const grantedDeal = `deal-${results.findIndex((r) => r.granted) + 1}`;
    expect(await reserve(slotRequest({ partnerId, dealId: grantedDeal }))).toMatchObject({ granted: true });
    expect(await reserve(slotRequest({ partnerId, dealId: 'deal-late' }))).toMatchObject({ granted: false, used: 3 });
  });

  it('continues as new when idle, keeping its reservations', async () => {
    const partnerId = newPartner();
    const workflowId = partnerCapsWorkflowId(partnerId, 2021);
    const handle = await client.workflow.start<typeof partnerCapsWorkflow>(PARTNER_CAPS_WORKFLOW_TYPE, {
      workflowId,
      taskQueue,
      args: [{ partnerId, fiscalYear: 2021, idleTimeout: '1 second' }],
    });
    await reserve(slotRequest({ partnerId, dealId: 'deal-1' }));
    await expect.poll(async () => (await client.workflow.getHandle(workflowId).describe()).runId, { timeout: 10_000 }).not.toBe(handle.firstExecutionRunId);
    const usage = await client.workflow.getHandle(workflowId).query(capsUsageQuery);
    expect(usage.counters[0]).toMatchObject({ used: 1 });
  });
});
