import type { Db } from '../connect';
import type { HandoffSnapshot } from './handoff-snapshot';
import type { ProjectionGuard } from './project-deal';

/** Upserts the handoff's row under the same seq guard as the deal's (see projectDealSnapshot). */
export async function projectHandoffSnapshot(db: Db, snapshot: HandoffSnapshot, guard: ProjectionGuard = 'newer'): Promise<{ applied: boolean }> {
  return { applied: (await projectHandoffSnapshots(db, [snapshot], guard)) === 1 };
}

/** The same for many handoffs in one statement (at most one snapshot each); answers how many rows were written. */
export async function projectHandoffSnapshots(db: Db, snapshots: readonly HandoffSnapshot[], guard: ProjectionGuard): Promise<number> {
  if (snapshots.length === 0) return 0;
  const projectedAt = new Date();
  const written = await db
    .insertInto('handoff_read_model')
    .values(
      snapshots.map(({ workflowId, dealWorkflowId, seq, view }) => ({
        workflow_id: workflowId,
        seq,
        deal_workflow_id: dealWorkflowId,
        template_id: view.templateId,
        instance: view.instance,
        status: view.status,
        view: JSON.stringify(view),
        projected_at: projectedAt,
      })),
    )
    .onConflict((oc) =>
      oc
        .column('workflow_id')
        .doUpdateSet((eb) => ({
          seq: eb.ref('excluded.seq'),
          status: eb.ref('excluded.status'),
          view: eb.ref('excluded.view'),
          projected_at: eb.ref('excluded.projected_at'),
        }))
        .where('handoff_read_model.seq', guard === 'newer' ? '<' : '<=', (eb) => eb.ref('excluded.seq')),
    )
    .returning('seq')
    .execute();
  return written.length;
}
