import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import type { z } from 'zod';
import type { ReconciliationReport } from '../../api/schemas/reconciliation';
import { CliFailure, EXIT, EXIT_CODES_HELP } from '../exit-codes';
import { InputError } from '../input-files';
import { output, type OutputOptions } from '../output';
import { runApiCommand } from '../runner';

type Report = z.infer<typeof ReconciliationReport>;

interface ReconcileOptions extends OutputOptions {
  noDecisionAfterDays?: string;
}

function render(report: Report): string {
  const lines = report.mismatches.map((m) => `${m.row !== undefined ? `row ${m.row}` : 'ledger'}: ${m.kind} ${m.claim}: ${m.detail}`);
  return [...lines, `${report.rows} rows: ${report.applied} decisions recorded, ${report.unchanged} already in the ledger, ${report.mismatches.length} mismatches`].join('\n');
}

/** `baton claims reconcile FILE`: the vendor portal's decisions file against the claims ledger. */
export function registerReconcileCommand(claims: Command): void {
  claims
    .command('reconcile')
    .description("Record the vendor portal's decisions (CSV) in the claims ledger and report every mismatch; LEAD or EXEC")
    .argument('<file>', 'the CSV: claim (id or idempotency key), status, amount_approved_usd, paid_on')
    .option('--no-decision-after-days <days>', 'report submitted claims still without a decision after this many days (default 60)')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', `\nThe same file again records nothing more. Exit code 1 when there is any mismatch.\n\nExample:\n  $ baton claims reconcile portal-decisions.csv --no-decision-after-days 45\n\n${EXIT_CODES_HELP}`)
    .action((file: string, options: ReconcileOptions) =>
      runApiCommand('claims reconcile', async (api) => {
        await access(file).catch(() => {
          throw new InputError(`${file}: cannot read`);
        });
        const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
        let report: Report | undefined;
        for await (const answer of api.upload<Report>('/claims/reconciliations', body, { 'content-type': 'text/csv' }, { noDecisionAfterDays: options.noDecisionAfterDays })) report = answer;
        if (!report) throw new CliFailure('the API answered nothing', EXIT.unavailable);
        output(options, report, render);
        if (report.mismatches.length > 0) process.exitCode = EXIT.refused;
      }),
    );
}
