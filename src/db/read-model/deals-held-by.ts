import { sql } from 'kysely';
import type { Db } from '../connect';

/** One open deal of the read model, by its business id and its workflow id. */
export interface HeldDeal {
  dealId: string;
  workflowId: string;
}

/**
 * The open deals of a partner where the person holds any role on the team, in deal-id order: what
 * a handover of everything they hold passes on. From the read model, not from workflow queries.
 */
export async function dealsHeldBy(db: Db, partnerId: string, personId: string): Promise<HeldDeal[]> {
  const rows = await db
    .selectFrom('deal_read_model')
    .select(['deal_id', 'workflow_id'])
    .where('partner_id', '=', partnerId)
    .where('closed', '=', false)
    .where('team_member_ids', '@>', sql<string[]>`ARRAY[${personId.toLowerCase()}]::text[]`)
    .orderBy('deal_id')
    .execute();
  return rows.map((r) => ({ dealId: r.deal_id, workflowId: r.workflow_id }));
}
