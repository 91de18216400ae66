import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildReadModel } from '../../src/temporal/rebuild-read-model';
import { booking, call, startApiStack, type ApiStack } from '../api/api-stack';

let stack: ApiStack;
beforeAll(async () => {
  stack = await startApiStack();
});
afterAll(async () => {
  await stack?.stop();
});

/** Counts the queries made through `client` from now on; the reader also stops counting. */
function countQueries(client: ApiStack['client']): () => number {
  let queries = 0;
  const getHandle = client.workflow.getHandle.bind(client.workflow);
  client.workflow.getHandle = ((...args: Parameters<typeof getHandle>) => {
    const handle = getHandle(...args);
    const query = handle.query.bind(handle);
    handle.query = ((...queryArgs: Parameters<typeof query>) => {
      queries += 1;
      return query(...queryArgs);
    }) as typeof query;
    return handle;
  }) as typeof getHandle;
  return () => {
    client.workflow.getHandle = getHandle;
    return queries;
  };
}

/**
 * Every row of both read-model tables, less the instant each was written and the instant its view
 * was taken (`now`, and the time left on deadlines counted from it): a later workflow task that
 * changed nothing the people see moves those, and the API counts them again on every read. A
 * running deal rebuilds by writing its row again under a new seq, so `seq` is compared apart.
 */
async function readModel() {
  const deals = await stack.db.selectFrom('deal_read_model').selectAll().orderBy('workflow_id').execute();
  const handoffs = await stack.db.selectFrom('handoff_read_model').selectAll().orderBy('workflow_id').execute();
  const timeless = (view: Record<string, unknown>) => {
    const { now: _now, deadlines, ...rest } = view as { now: string; deadlines: { timeLeftMs: number }[] };
    return { ...rest, deadlines: deadlines.map(({ timeLeftMs: _left, ...d }) => d) };
  };
  return {
    deals: deals.map(({ projected_at: _at, seq: _seq, view, ...row }) => ({ ...row, view: timeless(view) })),
    handoffs: handoffs.map(({ projected_at: _at, seq: _seq, ...row }) => row),
    seqs: Object.fromEntries([...deals, ...handoffs].map((r) => [r.workflow_id, r.seq])),
  };
}

describe('baton db rebuild on a real Temporal and PostgreSQL', () => {
  it('rebuilds the same rows as the live projection, and never moves a newer row backwards', async () => {
    // Deals in several states: just registered, a handoff half ticked, a handoff accepted.
    for (const id of ['rebuild-new', 'rebuild-ticked', 'rebuild-accepted']) expect((await call(stack, 'ana', 'POST', '/deals', booking(id))).status).toBe(201);
    const handoff = (await call(stack, 'ana', 'GET', '/deals/rebuild-ticked/handoffs/sales-to-cs')).body as { checklist: { id: string; owner: string }[]; artifacts: { id: string }[] };
    const tick = (dealId: string, item: { id: string; owner: string }) => call(stack, item.owner === 'CSM' ? 'chris' : 'ana', 'POST', `/deals/${dealId}/handoffs/sales-to-cs/tick`, { itemId: item.id });
    expect((await tick('rebuild-ticked', handoff.checklist[0]!)).status).toBe(200);
    for (const item of handoff.checklist) expect((await tick('rebuild-accepted', item)).status).toBe(200);
    for (const artifact of handoff.artifacts) {
      expect((await call(stack, 'ana', 'POST', '/deals/rebuild-accepted/handoffs/sales-to-cs/attach', { artifactId: artifact.id, reference: `crm://${artifact.id}` })).status).toBe(200);
    }
    expect((await call(stack, 'chris', 'POST', '/deals/rebuild-accepted/handoffs/sales-to-cs/accept', {})).status).toBe(200);
    // The live projection settles: the deals' side work (notifications, the next handoff) is done.
    let live = await readModel();
    await expect.poll(async () => JSON.stringify((live = await readModel())), { timeout: 15_000, interval: 1_000 }).toBe(JSON.stringify(await readModel()));
    expect(live.deals.map((d) => d.deal_id)).toEqual(expect.arrayContaining(['rebuild-new', 'rebuild-ticked', 'rebuild-accepted']));
    expect(live.handoffs.length).toBeGreaterThanOrEqual(3);

    await stack.db.deleteFrom('deal_read_model').execute();
    await stack.db.deleteFrom('handoff_read_model').execute();
    expect((await call(stack, 'ana', 'GET', '/deals/rebuild-ticked')).status).toBe(404);

    // Every deal here runs: each is signalled and writes its own row; none is queried.
    const queried = countQueries(stack.client);
    const report = await rebuildReadModel(stack.client, stack.db);
    expect(report).toMatchObject({ deals: live.deals.length, written: live.deals.length, failed: [] });
    expect(queried()).toBe(0);
    const rebuilt = await readModel();
    for (const [workflowId, seq] of Object.entries(rebuilt.seqs)) expect(seq).toBeGreaterThan(live.seqs[workflowId] ?? 0);
    // Open handoffs are rebuilt; an accepted one's row is the live projection's last word only.
    expect(rebuilt.deals).toEqual(live.deals);
    expect(rebuilt.handoffs).toEqual(live.handoffs.filter((h) => h.status !== 'accepted'));
    expect((await call(stack, 'ana', 'GET', '/deals/rebuild-ticked/handoffs/sales-to-cs')).body.checklist[0].tickedBy).toBe(handoff.checklist[0]!.owner === 'CSM' ? 'chris.lee@northwind.example' : 'ana.moreno@northwind.example');

    // A row the live projection has moved past (a higher seq) is left as it is.
    const ahead = live.deals.find((d) => d.deal_id === 'rebuild-new')!;
    const aheadSeq = rebuilt.seqs[ahead.workflow_id]! + 100;
    await stack.db.updateTable('deal_read_model').set({ seq: aheadSeq, step: 'moved-on' }).where('workflow_id', '=', ahead.workflow_id).execute();
    // The deal's own write under its next seq is refused; after the wait it is read, and not written.
    await rebuildReadModel(stack.client, stack.db, { reprojectTimeoutMs: 1_000 });
    const kept = await stack.db.selectFrom('deal_read_model').select(['seq', 'step']).where('workflow_id', '=', ahead.workflow_id).executeTakeFirstOrThrow();
    expect(kept).toEqual({ seq: aheadSeq, step: 'moved-on' });
  });
});
