import type { Command } from 'commander';
import { isoDateOfInstant } from '../../domain/calendar';
import { IsoDate } from '../../domain/schemas/common';
import { Deal } from '../../domain/schemas/deal';
import { formatZodError } from '../../domain/schemas/errors';
import { DEFAULT_PROGRAM_ID, loadProgram } from '../../config/program-files';
import { evidenceProblems } from '../../incentives/evidence-vocabulary';
import { DealFacts } from '../../incentives/facts-schema';
import { evaluateIncentives } from '../../incentives/rules/evaluate';
import { expectedPayoutQuarter } from '../../incentives/rules/payout-quarter';
import { EXIT_CODES_HELP } from '../exit-codes';
import { InputError, readInputFile } from '../input-files';
import { choosePartner } from '../partner-option';
import { claimsReport, renderQuotes } from '../quote-table';
import { runCommand } from '../runner';

interface QuoteOptions {
  deal: string;
  evidence?: string;
  partner?: string;
  program?: string;
  asOf?: string;
  json?: boolean;
}

const EXAMPLES = `
The partner is --partner FILE, else the profile of the deal's partnerId in BATON_PARTNERS_DIR
(default config/partners); without either the quote refuses. The business day is --as-of, else
today (UTC): facts dated later are ignored and windows whose last day has passed are closed.
Both are printed with the quote.
${EXIT_CODES_HELP}

Examples:
  $ baton quote --deal examples/deal.yaml --partner examples/partner.yaml --evidence examples/evidence.yaml --as-of 2022-03-01
  $ baton quote --deal examples/deal.yaml --evidence examples/evidence.yaml --as-of 2021-06-30 --json
  $ baton quote --deal examples/deal.yaml --program cx-rebate-v1`;

async function quote(options: QuoteOptions): Promise<void> {
  const deal = await readInputFile(options.deal, Deal, '--deal');
  const { partner, from } = await choosePartner(deal, options.partner);
  const facts = options.evidence ? await readInputFile(options.evidence, DealFacts, '--evidence') : DealFacts.parse({});
  const asOfResult = IsoDate.safeParse(options.asOf ?? isoDateOfInstant(Date.now()));
  if (!asOfResult.success) throw new InputError(`--as-of: ${formatZodError(asOfResult.error).replace(/^\(root\): /, '')}`);
  const asOf = asOfResult.data;
  const program = await loadProgram(options.program ?? deal.programId ?? DEFAULT_PROGRAM_ID);
  const problems = facts.usage.flatMap((evidence, i) => evidenceProblems(evidence, program).map((p) => `usage[${i}].${p.path.join('.')}: ${p.rule}`));
  if (problems.length > 0) throw new InputError(`--evidence ${options.evidence}: invalid\n${problems.join('\n')}`);

  const quotes = evaluateIncentives({ program, deal, partner, facts, asOf });
  if (options.json) {
    process.stdout.write(`${JSON.stringify(claimsReport(quotes, { asOf, partner: { id: partner.id, from } }), null, 2)}\n`);
    return;
  }
  const day = options.asOf === undefined ? `${asOf} (today, UTC; --as-of to choose)` : asOf;
  const payout = expectedPayoutQuarter(asOf, program);
  process.stdout.write(
    [
      `Deal ${deal.id}: ${deal.architecture}${deal.enterpriseAgreement ? ', Enterprise Agreement' : ''}, booked ${deal.bookedOn}`,
      `Partner ${partner.name} (${from}): ${partner.specialization}, architectures ${partner.architectures.join(', ') || 'none'}`,
      `Program ${program.id} v${program.version}; business day ${day}; claims accepted that day are paid in ${payout.label}`,
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
    .option('--partner <file>', "partner profile (JSON or YAML); default: the deal's partnerId profile in BATON_PARTNERS_DIR (config/partners)")
    .option('--program <id>', `incentive program version (config/programs/<id>.yaml); default: the deal's programId, else ${DEFAULT_PROGRAM_ID}`)
    .option('--as-of <date>', 'the business day to quote on, YYYY-MM-DD; default: today (UTC), printed')
    .option('--json', 'print {"claims": [...]} as JSON')
    .addHelpText('after', EXAMPLES)
    .action((options: QuoteOptions) => runCommand('quote', () => quote(options)));
}
