import { sql, type Kysely } from 'kysely';

/**
 * What the API reads without asking a workflow: each deal row learns the run that wrote it and the
 * playbook and program versions it runs under (the RACI and the ladder are the playbook's), and
 * every handoff gets a row of its own with its checklist and artifacts, written by the handoff's
 * workflow under the same seq guard as the deal's.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('deal_read_model')
    .addColumn('run_id', 'text')
    .addColumn('playbook_id', 'text')
    .addColumn('playbook_version', 'integer')
    .addColumn('program_id', 'text')
    .addColumn('program_version', 'integer')
    .execute();
  await db.schema
    .createTable('handoff_read_model')
    .addColumn('workflow_id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull().check(sql`seq >= 0`))
    .addColumn('deal_workflow_id', 'text', (c) => c.notNull())
    .addColumn('template_id', 'text', (c) => c.notNull())
    .addColumn('instance', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('view', 'jsonb', (c) => c.notNull())
    .addColumn('projected_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('handoff_read_model_deal').on('handoff_read_model').columns(['deal_workflow_id', 'template_id', 'instance']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('handoff_read_model').execute();
  await db.schema
    .alterTable('deal_read_model')
    .dropColumn('run_id')
    .dropColumn('playbook_id')
    .dropColumn('playbook_version')
    .dropColumn('program_id')
    .dropColumn('program_version')
    .execute();
}
