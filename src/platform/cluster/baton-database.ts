import { ensureDatabaseExists } from '../../db/connect';
import type { RunningPostgres } from './postgres';

/**
 * Baton's own database on the cluster's PostgreSQL, as docker-compose's `baton-database` service
 * creates it beside Temporal's: its URL for BATON_DATABASE_URL.
 */
export async function batonDatabaseOn(postgres: Pick<RunningPostgres, 'host' | 'port' | 'user' | 'password'>): Promise<string> {
  const server = `postgres://${encodeURIComponent(postgres.user)}:${encodeURIComponent(postgres.password)}@${postgres.host}:${postgres.port}`;
  await ensureDatabaseExists(`${server}/postgres`, 'baton');
  return `${server}/baton`;
}
