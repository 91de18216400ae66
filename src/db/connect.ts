import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { redactDatabaseUrl } from './database-url';
import type { BatonDatabase } from './schema';

/** PostgreSQL type OIDs whose default JavaScript mapping does not suit Baton. */
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

/**
 * Counts (int8) and dollar amounts (numeric(14,2), whole cents far below 2^53) become numbers;
 * dates stay `YYYY-MM-DD` strings, because pg's default turns them into local-midnight Dates.
 */
const batonTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    if (oid === DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export type Db = Kysely<BatonDatabase>;

export class DatabaseUnreachableError extends Error {
  constructor(url: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message || (cause as NodeJS.ErrnoException).code || cause.name : String(cause);
    super(`Cannot reach Baton's database at ${redactDatabaseUrl(url)}: ${reason}. Check BATON_DATABASE_URL, or unset it to run the embedded PostgreSQL.`, { cause });
    this.name = 'DatabaseUnreachableError';
  }
}

export interface ConnectOptions {
  /** Pool size; the API and the worker each hold one pool per process. */
  maxConnections?: number;
}

/**
 * A pool to Baton's database, checked with one round trip so a wrong URL fails at start with one
 * clear message (password redacted) instead of at the first request.
 */
export async function connectDatabase(url: string, options: ConnectOptions = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, types: batonTypes, connectionTimeoutMillis: 10_000 });
  // An idle client losing its server (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseUnreachableError(url, err);
  }
  return new Kysely<BatonDatabase>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * A pool that connects only when first asked: for building the API where nothing will query it
 * (the OpenAPI document at build time).
 */
export function unconnectedDatabase(): Db {
  return new Kysely<BatonDatabase>({ dialect: new PostgresDialect({ pool: new pg.Pool({ types: batonTypes }) }) });
}

/** Creates `name` on the server of `adminUrl` unless it exists (CREATE DATABASE has no IF NOT EXISTS). */
export async function ensureDatabaseExists(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (err) {
    throw new DatabaseUnreachableError(adminUrl, err);
  }
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`).catch((err: { code?: string }) => {
        // Two processes starting at once: the other one created it first.
        if (err.code !== '42P04' && err.code !== '23505') throw err;
      });
    }
  } finally {
    await client.end();
  }
}
