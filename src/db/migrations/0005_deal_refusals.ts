import { sql, type Kysely } from 'kysely';

/**
 * Refused actions, coalesced: one row per (deal, action, actor, reason) with when it was first
 * and last refused and how often. Refusals used to be signalled into the deal, one history event
 * and timeline entry each, so a caller repeating a refused action could push a deal toward the
 * history limit; here the same refusal again is one counter increment.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('deal_refusals')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('workflow_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('first_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1).check(sql`count > 0`))
    .addUniqueConstraint('deal_refusals_key', ['workflow_id', 'action', 'actor', 'reason'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('deal_refusals').execute();
}
