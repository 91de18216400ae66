import { createReadStream } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Command } from 'commander';
import type { ImportEvent, ImportSummary } from '../../imports/import-deals';
import { parseMapping } from '../../imports/mapping';
import { CliFailure, EXIT, EXIT_CODES_HELP } from '../exit-codes';
import { InputError } from '../input-files';
import { progress } from '../output';
import { runApiCommand } from '../runner';

/** `baton import deals FILE`: a CRM export (CSV or XLSX) registered through `POST /imports`. */

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface ImportOptions {
  mapping?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** `--mapping` is a mapping file (validated here, sent whole) or the id of a shipped one. */
async function mappingHeaders(mapping: string | undefined): Promise<{ headers: Record<string, string>; query: Record<string, string | undefined> }> {
  if (mapping === undefined) return { headers: {}, query: {} };
  const isFile = await access(mapping).then(() => true, () => false);
  if (!isFile) return { headers: {}, query: { mapping } };
  const text = await readFile(mapping, 'utf8');
  try {
    parseMapping(text, `--mapping ${mapping}`);
  } catch (err) {
    throw new InputError((err as Error).message);
  }
  return { headers: { 'baton-import-mapping': Buffer.from(text, 'utf8').toString('base64url') }, query: {} };
}

function line(event: Exclude<ImportEvent, { kind: 'summary' | 'progress' }>): string {
  if (event.kind === 'conflict') return `row ${event.row}: deal ${event.dealId} is already registered with a different ${event.fields.join(', ')}: not changed`;
  return `row ${event.row}, column ${event.column}: ${event.rule}`;
}

const closing = (s: ImportSummary): string =>
  s.dryRun
    ? `dry run: ${s.rows} rows, ${s.deals} deals: ${s.valid} valid, ${s.invalidRows} rows with problems; nothing registered`
    : `${s.rows} rows, ${s.deals} deals: ${s.created} registered, ${s.unchanged} already registered as they are, ${s.conflicts} conflicts, ${s.invalidRows} rows with problems, ${s.refused} refused`;

export function registerImportCommands(program: Command): void {
  program
    .command('import')
    .description('Bring deals in from a CRM export')
    .command('deals')
    .description('Register the deals of a CSV or XLSX file (rows are line items, grouped by deal); LEAD or EXEC')
    .argument('<file>', 'the export, .csv or .xlsx')
    .option('--mapping <file-or-id>', 'column mapping: a YAML file, or a shipped one (salesforce-opportunity-lines); default: Baton field names')
    .option('--dry-run', 'check every row and report; register nothing')
    .option('--json', 'print the report as NDJSON lines')
    .addHelpText(
      'after',
      `\nThe same file imported again changes nothing; a deal already registered differently is reported as a conflict and left as it is.\n\nExamples:\n  $ baton import deals opportunities.csv --mapping salesforce-opportunity-lines --dry-run\n  $ baton import deals book.xlsx --mapping my-crm.yaml\n\n${EXIT_CODES_HELP}`,
    )
    .action((file: string, options: ImportOptions) =>
      runApiCommand('import deals', async (api) => {
        await access(file).catch(() => {
          throw new InputError(`${file}: cannot read`);
        });
        const { headers, query } = await mappingHeaders(options.mapping);
        const contentType = file.toLowerCase().endsWith('.xlsx') ? XLSX_TYPE : 'text/csv';
        const body = Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>;
        let summary: ImportSummary | undefined;
        for await (const event of api.upload<ImportEvent>('/imports', body, { 'content-type': contentType, ...headers }, { ...query, dryRun: options.dryRun ? 'true' : undefined })) {
          if (options.json) process.stdout.write(`${JSON.stringify(event)}\n`);
          if (event.kind === 'summary') summary = event;
          else if (event.kind === 'progress') progress(`… ${event.rows} rows, ${event.deals} deals`);
          else if (!options.json) process.stdout.write(`${line(event)}\n`);
        }
        if (!summary) throw new CliFailure('the import stopped before its summary (see the last problem above)', EXIT.unavailable);
        if (!options.json) process.stdout.write(`${closing(summary)}\n`);
        if (summary.invalidRows > 0 || summary.refused > 0) process.exitCode = EXIT.badInput;
        else if (summary.conflicts > 0) process.exitCode = EXIT.refused;
      }),
    );
}
