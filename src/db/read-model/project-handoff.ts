import type { Db } from '../connect';
import type { HandoffSnapshot } from './handoff-snapshot';
import type { ProjectionGuard } from './project-deal';

/** Upserts the handoff's row under the same seq guard as the deal's (see projectDealSnapshot). */
export async function projectHandoffSnapshot(db: Db, snapshot: HandoffSnapshot, guard: ProjectionGuard = 'newer'): Promise<{ applied: boolean }> {
  const { view } = snapshot;
  const written = await db
    .insertInto('handoff_read_model')
    .values({
      workflow_id: snapshot.workflowId,
      seq: snapshot.seq,
      deal_workflow_id: snapshot.dealWorkflowId,
      template_id: view.templateId,
      instance: view.instance,
      status: view.status,
      view: JSON.stringify(view),
      projected_at: new Date(),
    })
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
    .executeTakeFirst();
  return { applied: written !== undefined };
}
