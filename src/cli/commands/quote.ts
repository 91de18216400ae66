import type { Command } from 'commander';
import { isoDateOfInstant } from '../../domain/calendar';
import { IsoDate } from '../../domain/schemas/common';
import { Deal } from '../../domain/schemas/deal';
import { Partner } from '../../domain/schemas/partner';
import { formatZodError } from '../../domain/schemas/errors';
import { DEFAULT_PROGRAM_ID, loadProgram, ProgramFileError } from '../../config/program-files';
import { DealFacts } from '../../incentives/facts-schema';
import { evaluateIncentives } from '../../incentives/rules/evaluate';
import { expectedPayoutQuarter } from '../../incentives/rules/payout-quarter';
import { InputError, readInputFile } from '../input-files';
import { claimsReport, renderQuotes } from '../quote-table';

interface QuoteOptions {
  deal: string;
  evidence?: string;
  partner?: string;
  program?: string;
  asOf?: string;
  json?: boolean;
}

const EXIT_BAD_INPUT = 2;

const EXAMPLES = `
Without --partner the quote assumes an advanced partner holding the deal's architecture
specialization, i.e. the most the deal can earn; pass --partner for the real profile.
Without --as-of the quote is as of today (UTC): facts dated later are ignored and windows whose
last day has passed are closed. Bad input exits with code 2 and names the field.

Examples:
  $ baton quote --deal examples/deal.yaml --partner examples/partner.yaml --evidence examples/evidence.yaml --as-of 2022-03-01
  $ baton quote --deal examples/deal.yaml --evidence examples/evidence.yaml --as-of 2021-06-30 --json
  $ baton quote --deal examples/deal.yaml --program cx-rebate-v1`;

/** The partner assumed without --partner: advanced, holding the deal's architecture specialization. */
export function assumedPartner(deal: Deal): Partner {
  return { id: deal.partnerId, name: `${deal.partnerId} (assumed advanced)`, specialization: 'advanced', architectures: [deal.architecture] };
}

async function quote(options: QuoteOptions): Promise<void> {
  const deal = await readInputFile(options.deal, Deal, '--deal');
  const partner = options.partner ? await readInputFile(options.partner, Partner, '--partner') : assumedPartner(deal);
  const facts = options.evidence ? await readInputFile(options.evidence, DealFacts, '--evidence') : DealFacts.parse({});
  const asOfResult = IsoDate.safeParse(options.asOf ?? isoDateOfInstant(Date.now()));
  if (!asOfResult.success) throw new InputError(`--as-of: ${formatZodError(asOfResult.error).replace(/^\(root\): /, '')}`);
  const asOf = asOfResult.data;
  const program = await loadProgram(options.program ?? deal.programId ?? DEFAULT_PROGRAM_ID);

  const quotes = evaluateIncentives({ program, deal, partner, facts, asOf });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(claimsReport(quotes), null, 2)}\n`);
    return;
  }
  const payout = expectedPayoutQuarter(asOf, program);
  process.stdout.write(
    [
      `Deal ${deal.id}: ${deal.architecture}${deal.enterpriseAgreement ? ', Enterprise Agreement' : ''}, booked ${deal.bookedOn}`,
      `Partner ${partner.name}: ${partner.specialization}, architectures ${partner.architectures.join(', ') || 'none'}`,
      `Program ${program.id} v${program.version}, as of ${asOf}; claims accepted that day are paid in ${payout.label}`,
      '',
      renderQuotes(quotes),
      '',
    ].join('\n'),
  );
}

export function registerQuoteCommand(program: Command): void {
  program
    .command('quote')
    .description('Compute every incentive claim on a deal from the program rules: eligible claims with amounts, the others with reasons')
    .requiredOption('--deal <file>', 'the booked deal (JSON or YAML)')
    .option('--evidence <file>', 'facts since booking: success plan, business outcomes, usage evidence, expansion bookings, attestations (JSON or YAML); none when omitted')
    .option('--partner <file>', 'partner profile (JSON or YAML); default: an advanced partner holding the deal\'s architecture specialization')
    .option('--program <id>', `incentive program version (config/programs/<id>.yaml); default: the deal's programId, else ${DEFAULT_PROGRAM_ID}`)
    .option('--as-of <date>', 'quote as of this day, YYYY-MM-DD; default: today (UTC)')
    .option('--json', 'print {"claims": [...]} as JSON')
    .addHelpText('after', EXAMPLES)
    .action(async (options: QuoteOptions) => {
      try {
        await quote(options);
      } catch (err) {
        if (!(err instanceof InputError || err instanceof ProgramFileError)) throw err;
        process.stderr.write(`baton quote: ${err.message}\n`);
        process.exitCode = EXIT_BAD_INPUT;
      }
    });
}
