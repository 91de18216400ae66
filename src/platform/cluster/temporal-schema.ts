import { join } from 'node:path';
import { runWithProgress, type ProgressLog } from '../run-command';
import type { TemporalServerBinaries } from '../temporal-server';
import { TEMPORAL_DATABASE, VISIBILITY_DATABASE, type TemporalDatabase } from './temporal-server-config';

/**
 * Creates Temporal's two databases and migrates them to the release's newest schema with the
 * release's own `temporal-sql-tool`, as the docker-compose `auto-setup` image does at its start.
 */
export async function setupTemporalSchema(binaries: TemporalServerBinaries, db: TemporalDatabase, log: ProgressLog): Promise<void> {
  const connection = ['--plugin', 'postgres12', '--ep', db.host, '--port', String(db.port), '--user', db.user, '--password', db.password];
  const schemas = [
    { database: TEMPORAL_DATABASE, dir: join(binaries.postgresSchemaDir, 'temporal', 'versioned') },
    { database: VISIBILITY_DATABASE, dir: join(binaries.postgresSchemaDir, 'visibility', 'versioned') },
  ];
  for (const { database, dir } of schemas) {
    const tool = (args: string[]) => runWithProgress(binaries.sqlTool, [...connection, '--db', database, ...args], { log });
    await tool(['create-database']);
    // Version 0.0 is the tool's own bookkeeping table; update-schema then applies every version.
    await tool(['setup-schema', '-v', '0.0']);
    await tool(['update-schema', '-d', dir]);
  }
}
