import type { Command } from 'commander';
import { loadEnvConfig } from '../../config/env';
import { listPrograms, loadProgram } from '../../config/program-files';
import { openDatabase } from '../../db/open-database';
import { recordedDeals, type RecordedDealRow } from '../../db/read-model/recorded-deals';
import type { IsoDate } from '../../domain/schemas/common';
import type { Program } from '../../incentives/program-schema';
import { rerunDeal, rerunTotals, type RecordedDeal } from '../../incentives/rerun';
import { CliFailure, EXIT, EXIT_CODES_HELP } from '../exit-codes';
import { output } from '../output';
import { runCommand } from '../runner';
import { renderRerun, type RerunReport } from '../rerun-table';

interface RerunOptions {
  program: string;
  partner?: string;
  deal?: string;
  stage?: string;
  json?: boolean;
}

const HELP = `
Reads the recorded deals from the read model (PostgreSQL, as every view of a deal is): the program
version each deal runs under, its booking and its facts (success plan, outcomes, usage,
expansions), and evaluates both programs as of the deal's business day, with the deal's recorded
cap answers. No workflow is asked; nothing is submitted or changed. A deal's own program version
is read from config/programs, which keeps every version a deal can run under.

Reads BATON_DATABASE_URL, else the embedded PostgreSQL under BATON_DATA_DIR. A deal whose row
predates the bookings the read model keeps is reported: \`baton db rebuild\` writes it.
${EXIT_CODES_HELP}

Examples:
  $ baton rerun --program cx-rebate-v1
  $ baton rerun --program fy2021-lifecycle --partner partner-1 --stage adopt --json`;

/** The rows as the rerun prices them, each under its own program version from config/programs. */
function recordedUnderOwnPrograms(rows: readonly RecordedDealRow[], programs: readonly Program[]): RecordedDeal[] {
  const unreadable: string[] = [];
  const recorded: RecordedDeal[] = [];
  for (const { workflowId, booking, today } of rows) {
    if (!booking) {
      unreadable.push(`${workflowId}: its row holds no booking (projected before bookings were kept); run baton db rebuild`);
      continue;
    }
    const program = programs.find((p) => p.id === booking.program.id && p.version === booking.program.version);
    if (!program) {
      unreadable.push(`${workflowId}: runs under program ${booking.program.id} v${booking.program.version}, which config/programs does not hold`);
      continue;
    }
    recorded.push({ deal: booking.deal, partner: booking.partner, program, facts: booking.facts, capStatus: booking.capStatus, asOf: today as IsoDate });
  }
  if (unreadable.length > 0) throw new CliFailure(`${unreadable.length} deals cannot be priced:\n  ${unreadable.join('\n  ')}`, EXIT.unavailable);
  return recorded;
}

async function rerun(options: RerunOptions): Promise<void> {
  const whatIf = await loadProgram(options.program);
  // Quiet: the report is the output, and a what-if writes nothing worth a line.
  const database = await openDatabase(loadEnvConfig(), () => undefined, { keepRunning: true });
  try {
    const rows = await recordedDeals(database.db, { partner: options.partner, deal: options.deal, stage: options.stage });
    const deals = recordedUnderOwnPrograms(rows, await listPrograms()).map((r) => rerunDeal(r, whatIf));
    const report: RerunReport = { whatIf: { id: whatIf.id, version: whatIf.version }, deals, totals: rerunTotals(deals) };
    output(options, report, renderRerun);
  } finally {
    await database.close();
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
