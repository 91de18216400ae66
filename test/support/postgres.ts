import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { connectDatabase, ensureDatabaseExists, type Db } from '../../src/db/connect';
import { withDatabaseName } from '../../src/db/database-url';
import { migrateToLatest } from '../../src/db/migrate';

export interface TestDatabase {
  db: Db;
  /** Its URL, for code under test that connects by itself (another process, the CLI). */
  url: string;
  close(): Promise<void>;
}

/**
 * A new, empty database on the run's embedded PostgreSQL (see global-setup.ts), migrated to the
 * latest version unless `migrate: false`. One per test file keeps files independent while the
 * server starts once.
 */
export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `baton_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  await ensureDatabaseExists(adminUrl, name);
  const url = withDatabaseName(adminUrl, name);
  const db = await connectDatabase(url);
  if (options.migrate !== false) await migrateToLatest(db);
  return { db, url, close: () => db.destroy() };
}
