import type { HandoffStatusView } from '../../../workflows/handoff-messages';
import type { Db } from '../connect';

/** The handoffs' rows by workflow id, in the order asked; a handoff without a row yet is left out. */
export async function handoffViews(db: Db, workflowIds: string[]): Promise<HandoffStatusView[]> {
  if (workflowIds.length === 0) return [];
  const rows = await db.selectFrom('handoff_read_model').select(['workflow_id', 'view']).where('workflow_id', 'in', workflowIds).execute();
  const byId = new Map(rows.map((r) => [r.workflow_id, r.view as unknown as HandoffStatusView]));
  return workflowIds.flatMap((id) => byId.get(id) ?? []);
}

/** The seq of the handoff's row, -1 when it has none yet. */
export async function handoffRowSeq(db: Db, workflowId: string): Promise<number> {
  const row = await db.selectFrom('handoff_read_model').select('seq').where('workflow_id', '=', workflowId).executeTakeFirst();
  return row?.seq ?? -1;
}
