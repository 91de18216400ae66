import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { connectDatabase, DatabaseUnreachableError, type Db } from '../../src/db/connect';
import { migrateTo, migrateToLatest, migrationNames } from '../../src/db/migrate';
import { freePort } from '../support/temporal';
import { createTestDatabase, type TestDatabase } from '../support/postgres';

const opened: TestDatabase[] = [];
afterAll(() => Promise.all(opened.map((d) => d.close())));

async function emptyDatabase(): Promise<Db> {
  const database = await createTestDatabase({ migrate: false });
  opened.push(database);
  return database.db;
}

/** Every column, constraint and index of the public schema, in a stable order: what "same schema" means. */
async function schemaOf(db: Db): Promise<unknown> {
  const columns = await sql<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>`
    SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_%' ORDER BY table_name, column_name`.execute(db);
  const constraints = await sql<{ conname: string; definition: string }>`
    SELECT conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
    WHERE connamespace = 'public'::regnamespace ORDER BY conname`.execute(db);
  const indexes = await sql<{ indexname: string; indexdef: string }>`
    SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename NOT LIKE 'kysely_%' ORDER BY indexname`.execute(db);
  return { columns: columns.rows, constraints: constraints.rows, indexes: indexes.rows };
}

describe('migrations on a real PostgreSQL', () => {
  it('apply from empty, in order, and a second run applies nothing', async () => {
    const db = await emptyDatabase();
    expect(await migrateToLatest(db)).toEqual(migrationNames());
    expect(await migrateToLatest(db)).toEqual([]);
    const tables = await sql<{ table_name: string }>`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`.execute(db);
    expect(tables.rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(['claims', 'claim_status_history', 'claim_vendor_decisions']));
  });

  it.each(migrationNames().map((name, index) => [name, index] as const))('upgrade from version %s to the latest gives the same schema as from empty', async (name, index) => {
    const fromEmpty = await emptyDatabase();
    await migrateToLatest(fromEmpty);
    const db = await emptyDatabase();
    expect(await migrateTo(db, name)).toEqual(migrationNames().slice(0, index + 1));
    expect(await migrateToLatest(db)).toEqual(migrationNames().slice(index + 1));
    expect(await schemaOf(db)).toEqual(await schemaOf(fromEmpty));
  });

  it('an unreachable server fails with one message naming the URL, password redacted', async () => {
    const url = `postgres://baton:hunter2@127.0.0.1:${await freePort()}/baton`;
    const failure = await connectDatabase(url).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(DatabaseUnreachableError);
    const message = (failure as Error).message;
    expect(message).toContain('postgres://baton:***@127.0.0.1');
    expect(message).toContain('ECONNREFUSED');
    expect(message).not.toContain('hunter2');
  });
});
