import type { Command } from 'commander';
import { loadProgram } from '../../config/program-files';
import { rerunDeal, rerunTotals } from '../../incentives/rerun';
import { findDealRecords } from '../../temporal/deal-records';
import { EXIT_CODES_HELP } from '../exit-codes';
import { InputError } from '../input-files';
import { output } from '../output';
import { runCommand } from '../runner';
import { connectTemporal } from '../temporal-client';
import { renderRerun, type RerunReport } from '../rerun-table';

interface RerunOptions {
  program: string;
  partner?: string;
  deal?: string;
  stage?: string;
  json?: boolean;
}

const HELP = `
Reads the recorded deals from Temporal: the program version each deal runs under, its booking
and its facts (success plan, outcomes, usage, expansions), and evaluates both programs as of the
deal's business day, with the deal's recorded cap answers. Nothing is submitted or changed.

Connects to TEMPORAL_ADDRESS (with TEMPORAL_NAMESPACE and the TLS settings), or, when unset, to
the dev server \`npm start\` runs at BATON_HOST:BATON_TEMPORAL_PORT (default 127.0.0.1:7233).
Baton's worker must be running: finished deals are read by replaying them.
${EXIT_CODES_HELP}

Examples:
  $ baton rerun --program cx-rebate-v1
  $ baton rerun --program fy2021-lifecycle --partner partner-1 --stage adopt --json`;

async function rerun(options: RerunOptions): Promise<void> {
  const whatIf = await loadProgram(options.program);
  const client = await connectTemporal();
  try {
    const records = await findDealRecords(client, { partner: options.partner, deal: options.deal, stage: options.stage }).catch((err: unknown) => {
      // A filter value the visibility query refuses (quotes, line breaks).
      if (err instanceof RangeError) throw new InputError(err.message);
      throw err;
    });
    const deals = records.map((r) => rerunDeal({ deal: r.deal, partner: r.partner, program: r.program, facts: r.facts, capStatus: r.capStatus, asOf: r.today }, whatIf));
    const report: RerunReport = { whatIf: { id: whatIf.id, version: whatIf.version }, deals, totals: rerunTotals(deals) };
    output(options, report, renderRerun);
  } finally {
    await client.connection.close();
  }
}

export function registerRerunCommand(program: Command): void {
  program
    .command('rerun')
    .description('What-if: for recorded deals, what each would have earned under another program version, side by side with what it earns under its own')
    .requiredOption('--program <id>', 'the what-if program version (config/programs/<id>.yaml)')
    .option('--partner <id>', 'only this partner\'s deals')
    .option('--deal <id>', 'only this deal')
    .option('--stage <id>', 'only deals in this lifecycle stage (or "completed")')
    .option('--json', 'print {"whatIf", "deals": [...], "totals"} as JSON')
    .addHelpText('after', HELP)
    .action((options: RerunOptions) => runCommand('rerun', () => rerun(options)));
}
