import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dealRow } from '../../src/db/read-model/deal-list';
import type { HandoffSnapshot } from '../../src/db/read-model/handoff-snapshot';
import { handoffRowSeq, handoffViews } from '../../src/db/read-model/handoff-list';
import { ReadModelWriter } from '../../src/db/read-model/read-model-writer';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { snapshot } from './support/deal-snapshots';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.close());

const quietLogger = () => {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (_details: object, message: string) => void warnings.push(message) } };
};

const handoffSnapshot = (dealId: string, seq: number, tickedBy?: string): HandoffSnapshot => ({
  workflowId: `deal:northwind:${dealId}:handoff:sales-to-cs:1`,
  dealWorkflowId: `deal:northwind:${dealId}`,
  seq,
  view: {
    dealId,
    templateId: 'sales-to-cs',
    instance: 1,
    name: 'Sales to Customer Success',
    status: 'open',
    checklist: [{ id: 'gather-contract', task: 'Gather the contract', owner: 'AM', ...(tickedBy ? { tickedBy, tickedAt: '2026-12-04T10:00:00.000Z' } : {}) }],
    artifacts: [],
    returns: [],
    startedAt: '2026-12-04T09:00:00.000Z',
    dueAt: '2026-12-11T09:00:00.000Z',
  },
});

describe('ReadModelWriter: the rows the deals and handoffs hand over, written off their workflow tasks', () => {
  it('ends every deal on its highest seq, many deals to a statement, whatever order the snapshots came in', async () => {
    const { logger } = quietLogger();
    const writer = new ReadModelWriter({ db: database.db, logger, batchSize: 50 });
    const deals = Array.from({ length: 120 }, (_, i) => `batch-${i}`);
    // Each deal's seqs 1..5 handed over out of order, interleaved with the other deals'.
    for (const seq of [3, 1, 5, 2, 4]) for (const dealId of deals) writer.enqueue(snapshot({ dealId, seq, step: `step-${seq}` }));
    expect(await writer.drain(10_000)).toBe(0);
    const rows = await database.db.selectFrom('deal_read_model').select(['deal_id', 'seq', 'step']).where('deal_id', 'like', 'batch-%').execute();
    expect(rows).toHaveLength(120);
    expect(rows.every((r) => r.seq === 5 && r.step === 'step-5')).toBe(true);
    // Gathered per deal and per statement: at most a statement's worth of rows per turn, never one per snapshot.
    expect(writer.written).toBeLessThan(deals.length * 5);
  });

  it('replaces a row of the same seq (a workflow task that failed after it handed its row over runs again), never a higher one', async () => {
    const { logger } = quietLogger();
    const writer = new ReadModelWriter({ db: database.db, logger });
    writer.enqueue(snapshot({ dealId: 'same-seq', seq: 2, stage: 'onboard' }));
    await writer.drain(5_000);
    writer.enqueue(snapshot({ dealId: 'same-seq', seq: 2, stage: 'adopt' }));
    await writer.drain(5_000);
    expect((await dealRow(database.db, 'deal:northwind:same-seq'))?.stage).toBe('adopt');
    writer.enqueue(snapshot({ dealId: 'same-seq', seq: 1, stage: 'purchase' }));
    await writer.drain(5_000);
    expect((await dealRow(database.db, 'deal:northwind:same-seq'))?.stage).toBe('adopt');
  });

  it('keeps the rows while the database refuses them and writes the latest of each once it takes them again', async () => {
    const { logger, warnings } = quietLogger();
    const writer = new ReadModelWriter({ db: database.db, logger, firstRetryMs: 50, maxRetryMs: 200 });
    await sql`ALTER TABLE deal_read_model RENAME TO deal_read_model_away`.execute(database.db);
    try {
      writer.enqueue(snapshot({ dealId: 'outage', seq: 1, stage: 'onboard' }));
      await vi.waitFor(() => expect(writer.failedWrites).toBeGreaterThan(0), { timeout: 5_000 });
      // A newer snapshot during the outage replaces the waiting one.
      writer.enqueue(snapshot({ dealId: 'outage', seq: 2, stage: 'adopt' }));
      expect(await writer.drain(300)).toBe(1);
      expect(warnings).toContain('read model: rows not written before stopping; the deals write them at their next change, or `baton db rebuild` does');
    } finally {
      await sql`ALTER TABLE deal_read_model_away RENAME TO deal_read_model`.execute(database.db);
    }
    expect(await writer.drain(10_000)).toBe(0);
    const row = await dealRow(database.db, 'deal:northwind:outage');
    expect([row?.seq, row?.stage]).toEqual([2, 'adopt']);
    expect(warnings).toContain('read model not written; trying again');
  });

  it("writes the handoffs' rows beside the deals', each on its highest seq, and the row's seq is what the API waits for", async () => {
    const { logger } = quietLogger();
    const writer = new ReadModelWriter({ db: database.db, logger, batchSize: 2 });
    const deals = ['handoff-a', 'handoff-b', 'handoff-c'];
    for (const seq of [2, 1, 3]) for (const dealId of deals) writer.enqueueHandoff(handoffSnapshot(dealId, seq, seq === 3 ? 'ana@northwind.example' : undefined));
    writer.enqueue(snapshot({ dealId: 'handoff-a', seq: 1, stage: 'onboard' }));
    expect(writer.pending).toBe(4);
    expect(await writer.drain(10_000)).toBe(0);
    const views = await handoffViews(database.db, deals.map((d) => handoffSnapshot(d, 0).workflowId));
    expect(views.map((v) => v.checklist[0]?.tickedBy)).toEqual(deals.map(() => 'ana@northwind.example'));
    expect(await handoffRowSeq(database.db, handoffSnapshot('handoff-b', 0).workflowId)).toBe(3);
    expect(await handoffRowSeq(database.db, 'deal:northwind:nobody:handoff:sales-to-cs:1')).toBe(-1);
    expect((await dealRow(database.db, 'deal:northwind:handoff-a'))?.stage).toBe('onboard');
    // An older snapshot handed over late never moves the row back.
    writer.enqueueHandoff(handoffSnapshot('handoff-a', 1));
    await writer.drain(5_000);
    expect((await handoffViews(database.db, [handoffSnapshot('handoff-a', 0).workflowId]))[0]?.checklist[0]?.tickedBy).toBe('ana@northwind.example');
  });
});
