import { sql, type Kysely } from 'kysely';

/** A claim the partner withdrew (a correction sent through the gateway) ends as `withdrawn`. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE claims DROP CONSTRAINT claims_status_check`.execute(db);
  await sql`ALTER TABLE claims ADD CONSTRAINT claims_status_check CHECK (status IN ('draft', 'submitted', 'accepted', 'rejected', 'paid', 'withdrawn'))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE claims DROP CONSTRAINT claims_status_check`.execute(db);
  await sql`ALTER TABLE claims ADD CONSTRAINT claims_status_check CHECK (status IN ('draft', 'submitted', 'accepted', 'rejected', 'paid'))`.execute(db);
}
