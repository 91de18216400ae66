import { sql, type Kysely } from 'kysely';

/**
 * The notification delivery ledger: one row per (channel, idempotency key), claimed by a unique
 * insert before anything is sent, so any number of workers on any number of hosts deliver a key
 * at most once in the normal case (see src/notify/delivery-ledger.ts for the states and the lease).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notification_deliveries')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(sql`state IN ('pending', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('holder', 'text')
    .addColumn('lease_expires_at', 'timestamptz')
    .addColumn('receipt', 'jsonb')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('notification_deliveries_pk', ['channel', 'idempotency_key'])
    .addCheckConstraint('notification_deliveries_sent_has_receipt', sql`(state = 'sent') = (receipt IS NOT NULL)`)
    .addCheckConstraint('notification_deliveries_pending_has_lease', sql`(state = 'pending') = (lease_expires_at IS NOT NULL AND holder IS NOT NULL)`)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('notification_deliveries').execute();
}
