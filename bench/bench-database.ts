import { join } from 'node:path';
import { ensureDatabaseExists } from '../src/db/connect';
import { withDatabaseName } from '../src/db/database-url';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { EMBEDDED_DATABASE } from '../src/db/open-database';

/**
 * One embedded PostgreSQL for the whole bench, its URL exported as BATON_DATABASE_URL so every
 * worker process (forked with this environment) shares it, as production workers share one
 * database, and none pays for a cluster of its own. An already set BATON_DATABASE_URL is used as is.
 */
export async function startBenchDatabase(workDir: string): Promise<{ stop(): Promise<void> }> {
  if (process.env.BATON_DATABASE_URL) return { stop: async () => {} };
  const server = await startEmbeddedPostgres({ dataDir: join(workDir, 'database') });
  await ensureDatabaseExists(server.adminUrl, EMBEDDED_DATABASE);
  process.env.BATON_DATABASE_URL = withDatabaseName(server.adminUrl, EMBEDDED_DATABASE);
  return {
    async stop() {
      delete process.env.BATON_DATABASE_URL;
      await server.stop();
    },
  };
}
