import { sql, type Kysely } from 'kysely';

/** The claims ledger: one row per claim (unique by idempotency key), its status history and the vendor's decisions. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('claims')
    .addColumn('claim_id', 'text', (c) => c.primaryKey())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('partner_id', 'text', (c) => c.notNull())
    .addColumn('deal_id', 'text', (c) => c.notNull())
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('architecture', 'text', (c) => c.notNull())
    .addColumn('incentive', 'text', (c) => c.notNull())
    .addColumn('milestone', 'text', (c) => c.notNull())
    .addColumn('amount_usd', sql`numeric(14,2)`, (c) => c.notNull())
    .addColumn('program_id', 'text', (c) => c.notNull())
    .addColumn('program_version', 'integer', (c) => c.notNull())
    .addColumn('earned_on', 'date', (c) => c.notNull())
    .addColumn('deadline', 'date', (c) => c.notNull())
    .addColumn('fiscal_quarter', 'text', (c) => c.notNull())
    .addColumn('expected_payout_quarter', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('draft', 'submitted', 'accepted', 'rejected', 'paid')`))
    .addColumn('document', 'jsonb', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('sink_receipt', 'jsonb')
    .addColumn('amount_approved_usd', sql`numeric(14,2)`)
    .addColumn('paid_amount_usd', sql`numeric(14,2)`)
    .addColumn('paid_on', 'date')
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('claims_submitted_has_receipt', sql`(status = 'draft') = (sink_receipt IS NULL)`)
    .execute();
  await db.schema.createIndex('claims_partner_quarter').on('claims').columns(['partner_id', 'fiscal_quarter', 'submitted_at']).execute();
  await db.schema.createIndex('claims_partner_status').on('claims').columns(['partner_id', 'status']).execute();
  await db.schema.createIndex('claims_partner_deal').on('claims').columns(['partner_id', 'deal_id']).execute();

  // The lifecycle never revisits a status, so (claim, status) is unique and every insert is idempotent.
  await db.schema
    .createTable('claim_status_history')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.claim_id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('by', 'text')
    .addColumn('why', 'text')
    .addUniqueConstraint('claim_status_history_once', ['claim_id', 'status'])
    .execute();

  await db.schema
    .createTable('claim_vendor_decisions')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.claim_id').onDelete('cascade'))
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision IN ('accepted', 'rejected', 'paid')`))
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull())
    .addColumn('amount_approved_usd', sql`numeric(14,2)`)
    .addColumn('paid_amount_usd', sql`numeric(14,2)`)
    .addColumn('paid_on', 'date')
    .addColumn('recorded_by', 'text')
    .addColumn('note', 'text')
    .addUniqueConstraint('claim_vendor_decisions_once', ['claim_id', 'decision'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('claim_vendor_decisions').execute();
  await db.schema.dropTable('claim_status_history').execute();
  await db.schema.dropTable('claims').execute();
}
