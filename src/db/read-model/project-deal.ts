import type { Insertable } from 'kysely';
import type { Db } from '../connect';
import type { DealReadModelTable } from '../schema';
import type { DealSnapshot } from '../../../workflows/deal-messages';

type ReadModelRow = Insertable<DealReadModelTable>;

const count = <T>(items: readonly T[], test: (item: T) => boolean): number => items.reduce((n, item) => n + (test(item) ? 1 : 0), 0);
const cents = (usd: number): number => Math.round(usd * 100);

/** The row for a snapshot: the columns lists filter, sort and count on, derived once here. */
export function readModelRow(snapshot: DealSnapshot): ReadModelRow {
  const { view } = snapshot;
  const team = new Set(Object.values(view.team).flatMap((people) => (people ?? []).map((p) => p.id.toLowerCase())));
  const types = view.timeline.map((e) => e.type as string);
  return {
    workflow_id: snapshot.workflowId,
    seq: snapshot.seq,
    partner_id: snapshot.partnerId,
    deal_id: snapshot.dealId,
    customer_name: snapshot.customerName,
    architecture: snapshot.architecture,
    stage: view.position.stage?.id ?? 'completed',
    step: view.position.step?.id ?? 'completed',
    closed: snapshot.closed,
    team_member_ids: [...team].sort(),
    open_task_owners: [...new Set(snapshot.openTaskOwners.map((id) => id.toLowerCase()))].sort(),
    next_deadline_at: snapshot.nextDeadlineAt,
    deal_value_usd: snapshot.dealValueUsd,
    at_stake_usd: snapshot.atStakeUsd,
    claimed_usd: view.claims.reduce((sum, c) => sum + cents(c.claim.amountUsd), 0) / 100,
    claims: view.claims.length,
    ineligible_claims: view.ineligibleClaims.length,
    handoffs_open: count(view.openHandoffs, (h) => h.status === 'open'),
    handoffs_returned: count(view.openHandoffs, (h) => h.status === 'returned'),
    handoffs_accepted: count(types, (t) => t === 'handoff.accepted'),
    reminders: count(types, (t) => t === 'deadline.reminder'),
    escalations: count(types, (t) => t === 'deadline.escalated'),
    breaches: count(types, (t) => t === 'deadline.breached'),
    health_score: snapshot.health?.score ?? null,
    renewal_risk: snapshot.health?.renewalRisk ?? null,
    view: JSON.stringify(view),
    booking: snapshot.booking === undefined ? null : JSON.stringify(snapshot.booking),
    projected_at: new Date(),
    run_id: snapshot.runId,
    playbook_id: snapshot.playbook.id,
    playbook_version: snapshot.playbook.version,
    program_id: snapshot.program.id,
    program_version: snapshot.program.version,
  };
}

const UPDATED_COLUMNS = [
  'seq', 'partner_id', 'deal_id', 'customer_name', 'architecture', 'stage', 'step', 'closed', 'team_member_ids',
  'open_task_owners', 'next_deadline_at', 'deal_value_usd', 'at_stake_usd', 'claimed_usd', 'claims', 'ineligible_claims',
  'handoffs_open', 'handoffs_returned', 'handoffs_accepted', 'reminders', 'escalations', 'breaches', 'health_score',
  'renewal_risk', 'view', 'booking', 'projected_at', 'run_id', 'playbook_id', 'playbook_version', 'program_id', 'program_version',
] as const satisfies readonly (keyof ReadModelRow)[];

/**
 * `newer`: the live projection, which only writes a seq above the stored one. `not-older`: the
 * rebuild, whose snapshot is read at the deal's latest seq and so is at least as new as the
 * write of that seq: it may replace an equal-seq row, never a higher one.
 */
export type ProjectionGuard = 'newer' | 'not-older';

/**
 * Upserts the deal's row unless the stored one is as new or newer: `ON CONFLICT … DO UPDATE …
 * WHERE deal_read_model.seq < EXCLUDED.seq`. Concurrent writers of one deal serialise on the row
 * lock and the guard is re-checked against the committed row, so whatever order retried, late or
 * duplicated writes arrive in, the row ends at the highest seq. `applied` is false for a write
 * that was ignored.
 */
export async function projectDealSnapshot(db: Db, snapshot: DealSnapshot, guard: ProjectionGuard = 'newer'): Promise<{ applied: boolean }> {
  return { applied: (await projectDealSnapshots(db, [snapshot], guard)) === 1 };
}

/**
 * The same for many deals in one statement (at most one snapshot per deal: a row cannot be
 * changed twice by one upsert); answers how many rows were written.
 */
export async function projectDealSnapshots(db: Db, snapshots: readonly DealSnapshot[], guard: ProjectionGuard): Promise<number> {
  if (snapshots.length === 0) return 0;
  const written = await db
    .insertInto('deal_read_model')
    .values(snapshots.map(readModelRow))
    .onConflict((oc) =>
      oc
        .column('workflow_id')
        .doUpdateSet((eb) => Object.fromEntries(UPDATED_COLUMNS.map((column) => [column, eb.ref(`excluded.${column}`)])))
        .where('deal_read_model.seq', guard === 'newer' ? '<' : '<=', (eb) => eb.ref('excluded.seq')),
    )
    .returning('seq')
    .execute();
  return written.length;
}
