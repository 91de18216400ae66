import type { Client } from '@temporalio/client';
import { holdsEntries } from '../../src/api/await-projection';
import type { Db } from '../../src/db/connect';
import type { Playbook } from '../../src/domain/playbook/schema';
import { authorizeAction } from '../../src/domain/raci';
import { dealRow } from '../../src/db/read-model/deal-list';
import { actOnDeal } from '../../src/temporal/deal-client';
import type { ActionResult, DealView } from '../../workflows/deal-messages';
import { summarize, type LatencySummary } from '../stats';

export interface ProjectionLagResult {
  deals: number;
  /** From the update's answer until the deal's row shows the action's timeline entries. */
  lag: LatencySummary;
  /** The same updates' own round trips: the baseline the lag is set against. */
  update: LatencySummary;
}

const POLL_MS = 2;

/** An open deadline and a team member the RACI lets pause it: pausing and resuming it is repeatable. */
function pausable(playbook: Playbook, view: DealView): { deadlineId: string; actor: string } {
  const people = Object.values(view.team).flatMap((list) => (list ?? []).map((p) => p.id));
  for (const deadline of view.deadlines.filter((d) => d.status === 'open')) {
    const actor = people.find((id) => authorizeAction(playbook, view.team, { type: 'deadline.pause', actor: id, deadlineId: deadline.id, reason: '-' }).allowed);
    if (actor) return { deadlineId: deadline.id, actor };
  }
  throw new Error(`deal ${view.dealId} has no open deadline its team may pause`);
}

/**
 * On a live dev server and worker: `actions` deadline pauses and resumes on each of a handful of
 * deals, one at a time, each timed from the update's answer (through actOnDeal, as the API calls
 * it) until the read model's row holds it, polled every 2 ms.
 */
export async function measureProjectionLag(client: Client, db: Db, playbook: Playbook, workflowIds: string[], actions: number): Promise<ProjectionLagResult> {
  const lag: number[] = [];
  const update: number[] = [];
  for (const workflowId of workflowIds) {
    const row = await dealRow(db, workflowId);
    if (!row) throw new Error(`deal ${workflowId} is not in the read model`);
    const { deadlineId, actor } = pausable(playbook, row.view);
    for (let i = 0; i < actions; i++) {
      const type = i % 2 === 0 ? 'deadline.pause' : 'deadline.resume';
      const start = performance.now();
      const result = (await actOnDeal(client, { workflowId }, { type, actor, deadlineId, reason: `bench ${i}` })) as ActionResult;
      const answered = performance.now();
      const reflects = holdsEntries(result.entries);
      for (;;) {
        const current = await dealRow(db, workflowId);
        if (current && reflects(current)) break;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
      lag.push(performance.now() - answered);
      update.push(answered - start);
    }
  }
  return { deals: workflowIds.length, lag: summarize(lag), update: summarize(update) };
}
