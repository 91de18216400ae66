import { connectDatabase, ensureDatabaseExists } from '../../db/connect';
import { importConfigFiles } from '../../db/import-config';
import { migrateToLatest } from '../../db/migrate';
import type { RunningPostgres } from './postgres';

/**
 * Baton's own database on the cluster's PostgreSQL, as docker-compose's `baton-database` service
 * creates it beside Temporal's, migrated and holding the people of `tokensFile` (an operator
 * would create their tokens with `baton token create`): its URL for BATON_DATABASE_URL.
 */
export async function batonDatabaseOn(postgres: Pick<RunningPostgres, 'host' | 'port' | 'user' | 'password'>, files: { tokensFile: string; partnersDir: string }): Promise<string> {
  const server = `postgres://${encodeURIComponent(postgres.user)}:${encodeURIComponent(postgres.password)}@${postgres.host}:${postgres.port}`;
  await ensureDatabaseExists(`${server}/postgres`, 'baton');
  const url = `${server}/baton`;
  const db = await connectDatabase(url, { maxConnections: 2 });
  try {
    await migrateToLatest(db);
    await importConfigFiles(db, files);
  } finally {
    await db.destroy();
  }
  return url;
}
