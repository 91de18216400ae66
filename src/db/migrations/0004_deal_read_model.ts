import { sql, type Kysely } from 'kysely';

/**
 * The read model of every deal, written by the `projectDeal` activity: columns for what lists
 * filter, sort and count on, the whole view as jsonb, and the per-deal sequence that guards
 * every write. Customer names are searchable by trigram (substring, typos) and by words.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
  await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
  await db.schema
    .createTable('deal_read_model')
    .addColumn('workflow_id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull().check(sql`seq >= 0`))
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('deal_id', 'text', (c) => c.notNull())
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('architecture', 'text', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('closed', 'boolean', (c) => c.notNull())
    .addColumn('team_member_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('open_task_owners', sql`text[]`, (c) => c.notNull())
    .addColumn('next_deadline_at', 'timestamptz')
    .addColumn('deal_value_usd', sql`numeric(14,2)`, (c) => c.notNull())
    .addColumn('at_stake_usd', sql`numeric(14,2)`, (c) => c.notNull())
    .addColumn('claimed_usd', sql`numeric(14,2)`, (c) => c.notNull())
    .addColumn('claims', 'integer', (c) => c.notNull())
    .addColumn('ineligible_claims', 'integer', (c) => c.notNull())
    .addColumn('handoffs_open', 'integer', (c) => c.notNull())
    .addColumn('handoffs_returned', 'integer', (c) => c.notNull())
    .addColumn('handoffs_accepted', 'integer', (c) => c.notNull())
    .addColumn('reminders', 'integer', (c) => c.notNull())
    .addColumn('escalations', 'integer', (c) => c.notNull())
    .addColumn('breaches', 'integer', (c) => c.notNull())
    .addColumn('health_score', sql`numeric(6,2)`)
    .addColumn('renewal_risk', 'text')
    .addColumn('view', 'jsonb', (c) => c.notNull())
    .addColumn('search', sql`tsvector`, (c) => c.generatedAlwaysAs(sql`to_tsvector('simple', deal_id || ' ' || customer_name)`).stored())
    .addColumn('projected_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('deal_read_model_partner_deadline').on('deal_read_model').columns(['partner_id', 'next_deadline_at', 'workflow_id']).execute();
  await db.schema.createIndex('deal_read_model_partner_stage').on('deal_read_model').columns(['partner_id', 'stage', 'step']).execute();
  await db.schema.createIndex('deal_read_model_partner_architecture').on('deal_read_model').columns(['partner_id', 'architecture']).execute();
  await db.schema.createIndex('deal_read_model_owners').on('deal_read_model').using('gin').column('open_task_owners').execute();
  await db.schema.createIndex('deal_read_model_search').on('deal_read_model').using('gin').column('search').execute();
  await sql`CREATE INDEX deal_read_model_customer_trgm ON deal_read_model USING gin (lower(customer_name) gin_trgm_ops)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('deal_read_model').execute();
}
