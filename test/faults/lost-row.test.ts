import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandoffSnapshot } from '../../src/db/read-model/handoff-snapshot';
import type { DealSnapshot } from '../../workflows/deal-messages';
import { booking, call, startApiStack, type ApiStack } from '../api/api-stack';

/**
 * A worker hands a row to its writer and stops before the database has it: the row is lost,
 * though the workflow has moved on. The API, waiting to show the caller their action, asks the
 * workflow to write its row again, and answers once it is there.
 */
describe('a read-model row the worker lost is written again when the API asks', () => {
  let stack: ApiStack;
  // The next snapshot of each kind is dropped, as a worker that stopped uncleanly loses it.
  const lose = { deal: false, handoff: false };
  const lost: string[] = [];
  beforeAll(async () => {
    stack = await startApiStack({
      snapshotTarget: (writer) => ({
        enqueue(snapshot: DealSnapshot) {
          if (lose.deal) return void ((lose.deal = false), lost.push(`deal seq ${snapshot.seq}`));
          writer.enqueue(snapshot);
        },
        enqueueHandoff(snapshot: HandoffSnapshot) {
          if (lose.handoff) return void ((lose.handoff = false), lost.push(`handoff seq ${snapshot.seq}`));
          writer.enqueueHandoff(snapshot);
        },
      }),
    });
  }, 120_000);
  afterAll(() => stack?.stop());

  it("a handoff's tick, then its acceptance with the deal's row lost too: each answer shows the action", async () => {
    expect((await call(stack, 'ana', 'POST', '/deals', booking('lost-1'))).status).toBe(201);
    const handoff = await call(stack, 'ana', 'GET', '/deals/lost-1/handoffs/sales-to-cs');
    const items = handoff.body.checklist as { id: string; owner: string }[];
    const [first, ...rest] = items;

    lose.handoff = true;
    expect((await call(stack, first!.owner === 'CSM' ? 'chris' : 'ana', 'POST', '/deals/lost-1/handoffs/sales-to-cs/tick', { itemId: first!.id })).status).toBe(200);
    expect(lost).toEqual(['handoff seq 2']);
    const shown = await call(stack, 'ana', 'GET', '/deals/lost-1/handoffs/sales-to-cs');
    expect(shown.body.checklist.find((i: { id: string }) => i.id === first!.id).tickedBy).toBeDefined();
    expect(stack.logs.some((l) => l.includes('the workflow is asked to write its row again') && l.includes(':handoff:sales-to-cs:1'))).toBe(true);

    for (const item of rest) expect((await call(stack, item.owner === 'CSM' ? 'chris' : 'ana', 'POST', '/deals/lost-1/handoffs/sales-to-cs/tick', { itemId: item.id })).status).toBe(200);
    for (const artifact of handoff.body.artifacts as { id: string }[]) {
      expect((await call(stack, 'ana', 'POST', '/deals/lost-1/handoffs/sales-to-cs/attach', { artifactId: artifact.id, reference: `crm://${artifact.id}` })).status).toBe(200);
    }
    lose.deal = true;
    expect((await call(stack, 'chris', 'POST', '/deals/lost-1/handoffs/sales-to-cs/accept', {})).status).toBe(200);
    expect(lost).toHaveLength(2);
    const timeline = await call(stack, 'ana', 'GET', '/deals/lost-1/timeline');
    expect(timeline.body.items.map((i: { type: string }) => i.type)).toContain('handoff.accepted');
    expect(stack.logs.filter((l) => l.includes('the workflow is asked to write its row again'))).toHaveLength(2);
  }, 120_000);
});
