import type { EnvConfig } from '../config/env';
import { connectDatabase, ensureDatabaseExists, type Db } from './connect';
import { importPartnerProfiles, importTokensFile } from './import-config';
import { redactDatabaseUrl, withDatabaseName } from './database-url';
import { startEmbeddedPostgres, type RunningEmbeddedPostgres } from './embedded-postgres';
import { migrateToLatest } from './migrate';

export type DatabaseConfig = Pick<EnvConfig, 'BATON_DATABASE_URL' | 'BATON_DATA_DIR' | 'BATON_TOKENS_FILE' | 'BATON_PARTNERS_DIR'>;

export interface OpenDatabase {
  db: Db;
  /** Where it is, password redacted, for the start-up banner. */
  where: string;
  /** The embedded server when Baton runs its own. */
  embedded?: RunningEmbeddedPostgres;
  /** Closes the pool, then stops the embedded server if there is one. */
  close(): Promise<void>;
}

/** The database the embedded server creates for Baton next to `postgres`. */
export const EMBEDDED_DATABASE = 'baton';

/**
 * Baton's business database, migrated to the latest version: BATON_DATABASE_URL when set, else
 * the embedded PostgreSQL under BATON_DATA_DIR. Partner profiles (BATON_PARTNERS_DIR) are
 * imported at every start, being the deployment's configuration; the YAML tokens file only into
 * the embedded database, so `npm start` has its demo people while a production database gets
 * tokens from `baton token create` or `POST /tokens` alone. Both imports are idempotent. Throws
 * DatabaseUnreachableError (one line, the URL's password redacted) when the server cannot be reached.
 *
 * `keepRunning`: leave an embedded server that was already running when opened (another Baton
 * process's) running on close, as the CLI must; the server process stops one it adopted.
 */
export async function openDatabase(config: DatabaseConfig, log: (line: string) => void, options: { keepRunning?: boolean } = {}): Promise<OpenDatabase> {
  let url = config.BATON_DATABASE_URL;
  let embedded: RunningEmbeddedPostgres | undefined;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.BATON_DATA_DIR, log, leaveAdoptedRunning: options.keepRunning });
    url = withDatabaseName(embedded.adminUrl, EMBEDDED_DATABASE);
    try {
      await ensureDatabaseExists(embedded.adminUrl, EMBEDDED_DATABASE);
    } catch (err) {
      await embedded.stop();
      throw err;
    }
  }
  const stopEmbedded = async () => embedded?.stop();
  let db: Db;
  try {
    db = await connectDatabase(url);
    const applied = await migrateToLatest(db);
    if (applied.length > 0) log(`database migrated: ${applied.join(', ')}`);
    log(`imported ${await importPartnerProfiles(db, config.BATON_PARTNERS_DIR)} partner profiles from ${config.BATON_PARTNERS_DIR}`);
    if (embedded) log(`imported ${await importTokensFile(db, config.BATON_TOKENS_FILE)} token hashes from ${config.BATON_TOKENS_FILE}`);
  } catch (err) {
    await stopEmbedded();
    throw err;
  }
  return {
    db,
    where: redactDatabaseUrl(url),
    embedded,
    async close() {
      await db.destroy();
      await stopEmbedded();
    },
  };
}
