import type { Command } from 'commander';
import { loadEnvConfig } from '../../config/env';
import { openDatabase } from '../../db/open-database';
import { rebuildReadModel, type RebuildReport } from '../../temporal/rebuild-read-model';
import { CliFailure, EXIT, EXIT_CODES_HELP } from '../exit-codes';
import { output } from '../output';
import { runCommand } from '../runner';
import { connectTemporal } from '../temporal-client';

const HELP = `
Rebuilds the read model (the deal and handoff rows the API reads) from Temporal, the source of
truth: every deal workflow in visibility, running or closed, and each of its open handoffs. A
running deal is not queried: it is signalled and writes its own row again through its projection;
a closed one is read by replaying it. No row is moved back behind a later projection. Safe while
Baton runs. Use it after restoring the database, for deals registered before the read model
existed, or to repair rows. Baton's worker must be running: the deals write and answer through it.

Writes to BATON_DATABASE_URL, else the embedded PostgreSQL under BATON_DATA_DIR; reads Temporal at
TEMPORAL_ADDRESS, else the dev server \`npm start\` runs.
${EXIT_CODES_HELP}

Examples:
  $ baton db rebuild
  $ baton db rebuild --partner northwind --json`;

function renderReport(report: RebuildReport): string {
  const lines = [`${report.deals} deals read from Temporal: ${report.written} rows written (the rest already current), ${report.handoffs} handoff rows written.`];
  for (const failure of report.failed) lines.push(`  not rebuilt: ${failure.workflowId}: ${failure.error}`);
  return lines.join('\n');
}

async function rebuild(options: { partner?: string; json?: boolean }): Promise<void> {
  const client = await connectTemporal();
  const database = await openDatabase(loadEnvConfig(), (line) => process.stderr.write(`${line}\n`), { keepRunning: true });
  try {
    const report = await rebuildReadModel(client, database.db, options.partner ? { partnerId: options.partner } : {});
    output(options, report, renderReport);
    if (report.failed.length > 0) throw new CliFailure(`${report.failed.length} deals could not be rebuilt (listed above)`, EXIT.unavailable);
  } finally {
    await database.close();
    await client.connection.close();
  }
}

export function registerDbCommands(program: Command): void {
  const db = program.command('db').description("Baton's database");
  db.command('rebuild')
    .description('Rebuild the read model of every deal from Temporal, never moving a row backwards')
    .option('--partner <id>', "only this partner's deals")
    .option('--json', 'print the report as JSON')
    .addHelpText('after', HELP)
    .action((options: { partner?: string; json?: boolean }) => runCommand('db rebuild', () => rebuild(options)));
}
