import type { Kysely } from 'kysely';

/**
 * Each deal's booking, partner, program version and facts beside its view, so that the forecast
 * prices a whole portfolio from the read model alone. Null for rows projected before it existed
 * (the next projection of a running deal fills it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('deal_read_model').addColumn('booking', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('deal_read_model').dropColumn('booking').execute();
}
