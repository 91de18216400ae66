import { sql } from 'kysely';
import type { Db } from '../connect';

/** One refusal as a deal's timeline shows it: how often, first and last. */
export interface CoalescedRefusal {
  id: number;
  action: string;
  actor: string;
  reason: string;
  firstAt: Date;
  lastAt: Date;
  count: number;
}

/** Reasons are the deal's own sentences; this keeps the key within what a btree index holds. */
const REASON_MAX = 1000;

/**
 * Counts one refused action: the first of its (deal, action, actor, reason) inserts the row, the
 * same refusal again moves `last_at` and the count. One statement, so concurrent refusals of the
 * same action all count.
 */
export async function recordRefusal(db: Db, refusal: { workflowId: string; action: string; actor: string; reason: string }): Promise<void> {
  await db
    .insertInto('deal_refusals')
    .values({ workflow_id: refusal.workflowId, action: refusal.action, actor: refusal.actor.toLowerCase(), reason: refusal.reason.slice(0, REASON_MAX) })
    .onConflict((c) =>
      c.constraint('deal_refusals_key').doUpdateSet({ count: sql`deal_refusals.count + 1`, last_at: sql`now()` }),
    )
    .execute();
}

/** A deal's refusals, the most recent last. */
export async function refusalsOf(db: Db, workflowId: string): Promise<CoalescedRefusal[]> {
  const rows = await db.selectFrom('deal_refusals').selectAll().where('workflow_id', '=', workflowId).orderBy('last_at').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, action: r.action, actor: r.actor, reason: r.reason, firstAt: r.first_at, lastAt: r.last_at, count: r.count }));
}
