import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect';
import { plan } from '../unit/domain/support';
import { booking, batonCli, call, startApiStack, type ApiStack } from './api-stack';

/**
 * Issue 15, corrections, through the HTTP API on the dev server: each is refused for a role the
 * playbook gives no authority, recorded on the timeline with actor and reason, and changes the
 * deal's claims as the rules say.
 */

let stack: ApiStack;
let db: Db;
beforeAll(async () => {
  stack = await startApiStack();
  // The stack's own connection: tests read and change rows directly.
  db = stack.db;
});
afterAll(async () => {
  await stack?.stop();
});

const today = () => new Date().toISOString().slice(0, 10);
/** Below the Use incentive's $10,000 order minimum: its evidence earns nothing until the booking says more. */
const smallBooking = (id: string) => ({ ...booking(id), lineItems: [{ sku: 'DC-INTERSIGHT-ESS', useCase: 'intersight', quantity: 2, netValueUsd: 9000 }] });
const fullLineItems = [{ sku: 'DC-INTERSIGHT-ESS', useCase: 'intersight', quantity: 100, netValueUsd: 420000 }];
const evidence = (id: string) => ({ evidence: { id, useCase: 'intersight', observedOn: today(), source: 'telemetry', metrics: { licensedServers: 100, claimedServers: 40 } } });
const act = (who: 'ana' | 'chris' | 'sam' | 'lee', dealId: string, type: string, body: unknown) => call(stack, who, 'POST', `/deals/${dealId}/actions/${type}`, body);
type Item = { type: string; actor?: string; reason?: string; details: Record<string, unknown> };
const timelineOf = async (dealId: string): Promise<Item[]> => (await call(stack, 'ana', 'GET', `/deals/${dealId}/timeline`)).body.items;
/** The deal records a claim once the gateway took it; the ledger holds it (as a draft) a moment before. */
const claimedOn = async (dealId: string): Promise<string[]> => (await timelineOf(dealId)).filter((e) => e.type === 'claim.submitted').map((e) => String(e.details.milestone)).sort();
const claimsOf = async (dealId: string) => (await call(stack, 'ana', 'GET', `/claims?dealId=${dealId}`)).body.claims as { claimId: string; status: string; milestone: string; statusHistory: { status: string; note?: string }[] }[];


/**
 * How many claims the deal has asked the gateway for. A claim's activity is scheduled in the same
 * workflow task that answers the update which made it due, so once an update has answered this
 * count includes whatever that update made due.
 */
async function submissionsAskedFor(dealId: string): Promise<number> {
  const { events } = await stack.client.workflow.getHandle(`deal:northwind:${dealId}`).fetchHistory();
  return (events ?? []).filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'submitClaim').length;
}

async function register(deal: object): Promise<void> {
  expect((await call(stack, 'ana', 'POST', '/deals', deal)).status).toBe(201);
}

describe('amending a booking', () => {
  it('is the AM\'s to do, with a reason; the amended booking earns what the first did not, and stands once a claim is earned on it', async () => {
    await register(smallBooking('amend-1'));
    expect((await act('chris', 'amend-1', 'usage.record', evidence('ev-1'))).status).toBe(200);
    expect(await claimsOf('amend-1')).toEqual([]);

    const byCsm = await act('chris', 'amend-1', 'booking.amend', { lineItems: fullLineItems, reason: 'the order was 100 servers, not 2' });
    expect(byCsm.status).toBe(403);
    expect(byCsm.body.message).toMatch(/chris.lee@northwind.example is not Responsible or Accountable for step Purchase \(needs AM\)/);
    expect(await claimsOf('amend-1')).toEqual([]);

    const noReason = await act('ana', 'amend-1', 'booking.amend', { lineItems: fullLineItems });
    expect(noReason.status).toBe(400);
    expect(noReason.body.issues[0].path).toBe('body.reason');

    const amended = await act('ana', 'amend-1', 'booking.amend', { lineItems: fullLineItems, reason: 'the order was 100 servers, not 2' });
    expect(amended.status).toBe(200);
    expect(amended.body.entries[0]).toMatchObject({ type: 'booking.amended', actor: 'ana.moreno@northwind.example', reason: 'the order was 100 servers, not 2', details: { fromValueUsd: 9000, toValueUsd: 420000 } });
    await expect.poll(() => claimedOn('amend-1'), { timeout: 20_000 }).toEqual(['use:intersight']);
    expect((await claimsOf('amend-1')).map((c) => `${c.milestone} ${c.status}`)).toEqual(['use:intersight submitted']);
    expect(await submissionsAskedFor('amend-1')).toBe(1);

    const again = await act('ana', 'amend-1', 'booking.amend', { bookedOn: today(), reason: 'typo' });
    expect(again.status).toBe(409);
    expect(again.body.message).toMatch(/cannot be amended while claims earned on it stand: .*\(use:intersight\); withdraw them first/);
  });
});

describe('retracting evidence', () => {
  it('before its claim is submitted: the evidence earns nothing, even once the booking would let it', async () => {
    await register(smallBooking('retract-1'));
    expect((await act('chris', 'retract-1', 'usage.record', evidence('ev-wrong-tenant'))).status).toBe(200);

    // The practice lead manages escalations, not evidence: the Use step's R/A are the CSM, CSS and AM.
    const byLead = await act('lee', 'retract-1', 'evidence.retract', { fact: { kind: 'usage', id: 'ev-wrong-tenant' }, reason: 'wrong tenant' });
    expect(byLead.status).toBe(403);
    const unknown = await act('chris', 'retract-1', 'evidence.retract', { fact: { kind: 'usage', id: 'ev-nope' }, reason: 'wrong tenant' });
    expect(unknown.status).toBe(409);
    expect(unknown.body.message).toBe('there is no usage evidence ev-nope on this deal');

    const retracted = await act('chris', 'retract-1', 'evidence.retract', { fact: { kind: 'usage', id: 'ev-wrong-tenant' }, reason: 'read from the wrong tenant' });
    expect(retracted.status).toBe(200);
    expect(retracted.body.entries[0]).toMatchObject({ type: 'evidence.retracted', actor: 'chris.lee@northwind.example', reason: 'read from the wrong tenant', details: { kind: 'usage', factId: 'ev-wrong-tenant' } });

    // Settling a deal with nothing eligible needs no activity: it is done when the update answers.
    expect((await act('ana', 'retract-1', 'booking.amend', { lineItems: fullLineItems, reason: 'the order was 100 servers' })).status).toBe(200);
    expect(await submissionsAskedFor('retract-1')).toBe(0);
    expect(await claimsOf('retract-1')).toEqual([]);
  });
});

describe('withdrawing a claim', () => {
  it('goes through the gateway and the ledger records it withdrawn with who and why; then its evidence may be retracted', async () => {
    await register(booking('withdraw-1'));
    expect((await act('chris', 'withdraw-1', 'usage.record', evidence('ev-1'))).status).toBe(200);
    await expect.poll(() => claimedOn('withdraw-1'), { timeout: 20_000 }).toEqual(['use:intersight']);
    const [claim] = await claimsOf('withdraw-1');

    const retractFirst = await act('chris', 'withdraw-1', 'evidence.retract', { fact: { kind: 'usage', id: 'ev-1' }, reason: 'wrong tenant' });
    expect(retractFirst.status).toBe(409);
    expect(retractFirst.body.message).toBe(`usage evidence ev-1 earned ${claim!.claimId} (use:intersight): withdraw the claim first`);
    expect((await act('chris', 'withdraw-1', 'claim.withdraw', { claimId: claim!.claimId, reason: 'wrong tenant' })).status).toBe(403);

    const withdrawn = await act('ana', 'withdraw-1', 'claim.withdraw', { claimId: claim!.claimId, reason: 'the reading came from another customer' });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.entries[0]).toMatchObject({ type: 'claim.withdrawn', actor: 'ana.moreno@northwind.example', reason: 'the reading came from another customer', details: { claimId: claim!.claimId, amountUsd: 5000 } });

    await expect.poll(async () => (await claimsOf('withdraw-1'))[0]?.status, { timeout: 20_000 }).toBe('withdrawn');
    const [ledger] = await claimsOf('withdraw-1');
    expect(ledger!.statusHistory.map((h) => h.status)).toEqual(['draft', 'submitted', 'withdrawn']);
    expect(ledger!.statusHistory[2]!.note).toBe('the reading came from another customer');
    const history = await db.selectFrom('claim_status_history').select(['status', 'by']).where('claim_id', '=', claim!.claimId).where('status', '=', 'withdrawn').execute();
    expect(history).toEqual([{ status: 'withdrawn', by: 'ana.moreno@northwind.example' }]);

    // The outbox gateway: the claim's file says withdrawn, and so does the quarter's export for the portal.
    const outbox = join(stack.dataDir, 'claims', 'outbox');
    const [quarter] = await readdir(outbox);
    const files = await readdir(join(outbox, quarter!));
    const documents = await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(outbox, quarter!, f), 'utf8')) as { claimId: string; status: string }));
    expect(documents.find((d) => d.claimId === claim!.claimId)?.status).toBe('withdrawn');
    const csv = await readFile(join(stack.dataDir, 'claims', 'exports', `${quarter}.csv`), 'utf8');
    expect(csv.split('\n').find((line) => line.startsWith(claim!.claimId))).toContain(',withdrawn,');
    await expect.poll(async () => (await timelineOf('withdraw-1')).some((e) => e.type === 'claim.withdrawalSent'), { timeout: 20_000 }).toBe(true);

    const twice = await act('ana', 'withdraw-1', 'claim.withdraw', { claimId: claim!.claimId, reason: 'again' });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toMatch(/already withdrawn by ana.moreno@northwind.example/);
    expect((await act('chris', 'withdraw-1', 'evidence.retract', { fact: { kind: 'usage', id: 'ev-1' }, reason: 'wrong tenant' })).status).toBe(200);
    // A withdrawn milestone is not claimed again: its idempotency key belongs to the withdrawn claim.
    expect((await act('chris', 'withdraw-1', 'usage.record', evidence('ev-2'))).status).toBe(200);
    expect(await submissionsAskedFor('withdraw-1')).toBe(1);
    expect((await claimsOf('withdraw-1')).map((c) => c.status)).toEqual(['withdrawn']);
  });
});

describe('retracting an outcomes report', () => {
  it('is refused while the claim it earned stands, and allowed once that claim is withdrawn', async () => {
    await register(booking('outcomes-1'));
    expect((await act('chris', 'outcomes-1', 'successPlan.submit', { plan })).status).toBe(200);
    const report = {
      results: [{ kpi: 'Trips per month', initialState: '40', achievedState: '12', measuredOn: today() }],
      confirmation: { kind: 'email', from: 'cio@acme.example', messageId: '<q1@acme.example>', receivedOn: today() },
    };
    expect((await act('chris', 'outcomes-1', 'outcomes.record', { reportId: 'q1', report })).status).toBe(200);
    await expect.poll(() => claimedOn('outcomes-1'), { timeout: 20_000 }).toEqual(['adopt:business-outcomes', 'adopt:success-plan']);
    const earned = (await claimsOf('outcomes-1')).find((c) => c.milestone === 'adopt:business-outcomes')!;

    const refused = await act('chris', 'outcomes-1', 'evidence.retract', { fact: { kind: 'business-outcomes', id: 'q1' }, reason: 'signed by the wrong customer' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe(`outcomes report q1 earned ${earned.claimId} (adopt:business-outcomes): withdraw the claim first`);
    expect((await act('ana', 'outcomes-1', 'claim.withdraw', { claimId: earned.claimId, reason: 'signed by the wrong customer' })).status).toBe(200);
    const retracted = await act('chris', 'outcomes-1', 'evidence.retract', { fact: { kind: 'business-outcomes', id: 'q1' }, reason: 'signed by the wrong customer' });
    expect(retracted.status).toBe(200);
    expect(retracted.body.entries[0]).toMatchObject({ type: 'evidence.retracted', actor: 'chris.lee@northwind.example', details: { kind: 'business-outcomes', factId: 'q1' } });
    // The success plan's claim does not depend on the report and stands.
    await expect.poll(async () => (await claimsOf('outcomes-1')).map((c) => `${c.milestone} ${c.status}`).sort(), { timeout: 20_000 }).toEqual(['adopt:business-outcomes withdrawn', 'adopt:success-plan submitted']);
  });
});

describe('closing a deal as lost or cancelled', () => {
  it('stops its timers, closes its open handoff, claims nothing more, and the read model shows it closed with the reason', async () => {
    await register(booking('close-1'));
    const before = (await call(stack, 'ana', 'GET', '/deals/close-1')).body;
    expect(before.openHandoffs.map((h: { templateId: string }) => h.templateId)).toEqual(['sales-to-cs']);

    const byCsm = await act('chris', 'close-1', 'deal.close', { outcome: 'lost', reason: 'went with a competitor' });
    expect(byCsm.status).toBe(403);
    const badOutcome = await act('ana', 'close-1', 'deal.close', { outcome: 'won', reason: 'x' });
    expect(badOutcome.status).toBe(400);
    expect(badOutcome.body.issues[0]).toMatchObject({ path: 'body.outcome', message: 'must be lost or cancelled' });

    const closed = await act('ana', 'close-1', 'deal.close', { outcome: 'lost', reason: 'went with a competitor' });
    expect(closed.status).toBe(200);
    const openDeadlines = before.deadlines.filter((d: { status: string }) => d.status === 'open').map((d: { id: string }) => d.id);
    expect(closed.body.entries[0]).toMatchObject({
      type: 'deal.closed',
      actor: 'ana.moreno@northwind.example',
      reason: 'went with a competitor',
      details: { outcome: 'lost', handoffsClosed: ['sales-to-cs'], deadlinesStopped: openDeadlines },
    });

    const workflowId = before.workflowId as string;
    expect((await stack.client.workflow.getHandle(workflowId).result()) as unknown).toMatchObject({ claims: [] });
    const handoff = (await stack.client.workflow.getHandle(before.openHandoffs[0].workflowId).result()) as { status: string; closedBy: string; closedReason: string };
    expect(handoff).toMatchObject({ status: 'closed', closedBy: 'ana.moreno@northwind.example', closedReason: 'went with a competitor' });

    await expect.poll(async () => (await db.selectFrom('deal_read_model').select(['closed', 'view']).where('workflow_id', '=', workflowId).executeTakeFirst())?.closed, { timeout: 20_000 }).toBe(true);
    const row = await db.selectFrom('deal_read_model').select(['view', 'next_deadline_at']).where('workflow_id', '=', workflowId).executeTakeFirstOrThrow();
    expect((row.view as unknown as { closure: unknown }).closure).toMatchObject({ outcome: 'lost', reason: 'went with a competitor', by: 'ana.moreno@northwind.example' });
    expect(row.next_deadline_at).toBeNull();

    const after = (await call(stack, 'ana', 'GET', '/deals/close-1')).body;
    expect(after.closure).toMatchObject({ outcome: 'lost', reason: 'went with a competitor' });
    expect(after.deadlines.every((d: { status: string }) => d.status !== 'open')).toBe(true);
    const late = await act('chris', 'close-1', 'usage.record', evidence('ev-late'));
    expect(late.status).toBe(409);
    expect(await submissionsAskedFor('close-1')).toBe(0);
  });
});

describe('people on a deal', () => {
  it('adds a person in a role nobody held and removes one, as the AM, with reasons; never the only AM', async () => {
    await register(booking('team-1'));
    const rm = { role: 'RM', person: { id: 'nobody@northwind.example', name: 'Noa Body' }, reason: 'renewal in a year' };
    expect((await act('chris', 'team-1', 'team.add', rm)).status).toBe(403);
    const added = await act('ana', 'team-1', 'team.add', rm);
    expect(added.status).toBe(200);
    expect(added.body.entries[0]).toMatchObject({ type: 'team.added', actor: 'ana.moreno@northwind.example', reason: 'renewal in a year', details: { role: 'RM', personId: 'nobody@northwind.example' } });
    expect((await act('ana', 'team-1', 'team.add', rm)).body.message).toBe('nobody@northwind.example is already RM on this deal');

    const removed = await act('ana', 'team-1', 'team.remove', { role: 'CSS', personId: 'sam.ito@northwind.example', reason: 'moved to another account' });
    expect(removed.status).toBe(200);
    const onlyAm = await act('ana', 'team-1', 'team.remove', { role: 'AM', personId: 'ana.moreno@northwind.example', reason: 'leaving' });
    expect(onlyAm.status).toBe(409);
    expect(onlyAm.body.message).toMatch(/only AM: add another AM first, or hand the deal over/);
    const team = (await call(stack, 'ana', 'GET', '/deals/team-1')).body.team;
    expect(team.RM).toEqual([{ id: 'nobody@northwind.example', name: 'Noa Body' }]);
    expect(team.CSS).toBeUndefined();
  });

  it('lets the practice lead, on no deal\'s team, move a deadline on any deal of the partner', async () => {
    await register(booking('lead-wide-1'));
    const extended = await act('lee', 'lead-wide-1', 'deadline.extend', { deadlineId: 'handoff-sales-to-cs-1', days: 7, reason: 'customer holiday freeze' });
    expect(extended.status).toBe(200);
    expect(extended.body.entries[0]).toMatchObject({ type: 'deadline.extended', actor: 'lee.park@northwind.example', reason: 'customer holiday freeze' });
    // Partner-wide roles come from the token, never from the body.
    const claimed = await act('chris', 'lead-wide-1', 'deadline.extend', { deadlineId: 'handoff-sales-to-cs-1', days: 7, reason: 'x', partnerRoles: ['LEAD'] });
    expect(claimed.status).toBe(400);
    expect(claimed.body.message).toMatch(/body.partnerRoles: unknown field/);
  });
});

describe('handing over everything a person holds', () => {
  const kim = { id: 'kim.cs@northwind.example', name: 'Kim Cho' };
  const kimsBooking = (id: string) => ({ ...booking(id), team: { ...booking(id).team, CSM: [kim], CSS: [kim] } });

  it('is refused deal by deal for someone without authority, and done by the practice lead with one timeline entry per deal (API and CLI)', async () => {
    await register(kimsBooking('handover-1'));
    await register(kimsBooking('handover-2'));
    // The deals come from the read model, which each deal writes a moment after it changes.
    await expect
      .poll(async () => (await call(stack, 'chris', 'POST', '/people/handover', { from: kim.id, to: { id: 'nia.ops@northwind.example', name: 'Nia Ops' }, reason: 'Kim leaves' })).body.deals.map((d: { dealId: string }) => d.dealId), { timeout: 20_000 })
      .toEqual(['handover-1', 'handover-2']);
    const refused = await call(stack, 'chris', 'POST', '/people/handover', { from: kim.id, to: { id: 'nia.ops@northwind.example', name: 'Nia Ops' }, reason: 'Kim leaves' });
    expect(refused.status).toBe(200);
    expect(refused.body.deals.every((d: { outcome: string; reason: string }) => d.outcome === 'refused' && /not Responsible or Accountable for step Purchase/.test(d.reason))).toBe(true);
    expect((await call(stack, 'ana', 'GET', '/deals/handover-1')).body.team.CSM).toEqual([kim]);

    const cli = await batonCli(stack, ['people', 'handover', kim.id, 'nia.ops@northwind.example', '--name', 'Nia Ops', '--reason', 'Kim leaves on Friday'], { as: 'lee' });
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/handover-1\s+handed over\s+CSM, CSS/);
    expect(cli.stdout).toContain('kim.cs@northwind.example → nia.ops@northwind.example: 2 of 2 open deal(s) handed over');
    for (const dealId of ['handover-1', 'handover-2']) {
      const entries = (await timelineOf(dealId)).filter((e) => e.type === 'team.handedOver');
      expect(entries).toEqual([expect.objectContaining({ actor: 'lee.park@northwind.example', reason: 'Kim leaves on Friday', details: expect.objectContaining({ from: kim.id, to: 'nia.ops@northwind.example', roles: ['CSM', 'CSS'] }) })]);
      const team = (await call(stack, 'ana', 'GET', `/deals/${dealId}`)).body.team;
      expect([team.CSM, team.CSS]).toEqual([[{ id: 'nia.ops@northwind.example', name: 'Nia Ops' }], [{ id: 'nia.ops@northwind.example', name: 'Nia Ops' }]]);
    }

    await expect.poll(async () => (await call(stack, 'lee', 'POST', '/people/handover', { from: kim.id, to: { id: 'x@northwind.example', name: 'X' }, reason: 'again' })).body.deals, { timeout: 20_000 }).toEqual([]);
    const nothing = await batonCli(stack, ['people', 'handover', kim.id, 'x@northwind.example', '--reason', 'again'], { as: 'lee' });
    expect(nothing.stdout).toContain('kim.cs@northwind.example holds no role on an open deal: nothing to hand over');
    const noReason = await batonCli(stack, ['people', 'handover', kim.id, 'x@northwind.example'], { as: 'lee' });
    expect(noReason.code).toBe(2);
  });
});
