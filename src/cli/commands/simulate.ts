import type { Command } from 'commander';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { DEFAULT_PROGRAM_ID, loadProgram } from '../../config/program-files';
import { loadPlaybookFile } from '../../config/playbook-files';
import { Deal } from '../../domain/schemas/deal';
import { formatZodError } from '../../domain/schemas/errors';
import { createSimulationEnvironment } from '../../simulation/environment';
import { runJourney, type JourneyResult } from '../../simulation/run-journey';
import { IsoDuration, Script } from '../../simulation/script';
import { EXIT_CODES_HELP } from '../exit-codes';
import { InputError, readInputFile } from '../input-files';
import { runCommand } from '../runner';
import { choosePartner } from '../partner-option';

interface SimulateOptions {
  deal: string;
  script: string;
  partner?: string;
  playbook?: string;
  program?: string;
  horizon?: string;
  json?: boolean;
}

const EXAMPLES = `
The script is JSON or YAML: a list of steps, or { horizon, steps }. Each step is
{ "at": "P85D", "action": "successPlan.submit", "actor": "csm@partner.example", ...payload }:
the offset from the booking (ISO-8601), a user action with its payload as the API takes it, or
"health.observe" with healthScore and/or utilisation. The run ends at the horizon (default 18
months after booking). Refused actions are part of the timeline (action.refused).

Examples:
  $ baton simulate --deal examples/simulate/deal.json --partner examples/simulate/partner.json --script examples/simulate/on-time.json
  $ baton simulate --deal examples/simulate/deal.json --partner examples/simulate/partner.json --script examples/simulate/late-plan.json --json

${EXIT_CODES_HELP}`;

function print(result: JourneyResult, partner: { id: string; from: string }, json: boolean): void {
  const { timeline, claims } = result.view;
  const notApplied = result.steps.filter((s) => s.outcome !== 'accepted');
  if (json) {
    const items = timeline.map(({ id: _id, ...entry }) => entry);
    process.stdout.write(`${JSON.stringify({ partner, timeline: items, claims: claims.map((c) => c.claim), notApplied }, null, 2)}\n`);
    return;
  }
  const notAppliedLines = notApplied.map((s) => `  ${s.at.slice(0, 16).replace('T', ' ')}  ${s.action.padEnd(22)} ${s.outcome}: ${s.reason ?? ''}`);
  const lines = timeline.map(({ id: _id, at, type, actor, ...detail }) => {
    const details = Object.entries(detail)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    return `${at.slice(0, 16).replace('T', ' ')}  ${type.padEnd(22)} ${(actor ?? '').padEnd(32)} ${details}`;
  });
  const total = claims.reduce((sum, c) => sum + c.claim.amountUsd, 0);
  const claimLines = claims.map((c) => `  ${c.claim.earnedOn}  ${c.milestone.padEnd(28)} $${c.claim.amountUsd.toLocaleString('en-US')}  ${c.claim.claimId}`);
  process.stdout.write(
    [
      `Deal ${result.view.dealId}: ${timeline.length} timeline entries, ${result.historyLength} history events, ${(result.wallMs / 1000).toFixed(1)}s`,
      `Partner ${partner.id} (${partner.from})`,
      '',
      ...lines,
      '',
      `Claims (${claims.length}, $${total.toLocaleString('en-US')}):`,
      ...(claimLines.length > 0 ? claimLines : ['  none']),
      '',
      `Scripted steps not applied (${notApplied.length}):`,
      ...(notAppliedLines.length > 0 ? notAppliedLines : ['  none']),
      '',
    ].join('\n'),
  );
}

async function simulate(options: SimulateOptions): Promise<void> {
  const deal = await readInputFile(options.deal, Deal, '--deal');
  const script = await readInputFile(options.script, Script, '--script');
  const { partner, from } = await choosePartner(deal, options.partner);
  const horizon = options.horizon === undefined ? undefined : IsoDuration.safeParse(options.horizon);
  if (horizon && !horizon.success) throw new InputError(`--horizon: ${formatZodError(horizon.error).replace(/^\(root\): /, '')}`);
  const playbook = options.playbook ? await loadPlaybookFile(options.playbook) : undefined;
  const program = await loadProgram(options.program ?? deal.programId ?? DEFAULT_PROGRAM_ID);

  // Stdout is the result (JSON with --json): Temporal's own logs, native ones included, go to stderr.
  Runtime.install({
    logger: new DefaultLogger('WARN', (entry) => process.stderr.write(`${entry.level} ${entry.message}\n`)),
    telemetryOptions: { logging: { filter: 'ERROR', forward: {} } },
  });
  const env = await createSimulationEnvironment((line) => process.stderr.write(`${line}\n`));
  try {
    const result = await runJourney({ env, deal, partner, script, playbook, program, horizon: horizon?.data });
    print(result, { id: partner.id, from }, options.json ?? false);
  } finally {
    await env.teardown();
  }
}

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description("Run a deal's real workflow on a time-skipping Temporal server through a scripted journey; print the business timeline and the claims")
    .requiredOption('--deal <file>', 'the booked deal (JSON or YAML)')
    .requiredOption('--script <file>', 'the scripted actions at offsets from booking (JSON or YAML)')
    .option('--partner <file>', "partner profile (JSON or YAML); default: the deal's partnerId profile in BATON_PARTNERS_DIR (config/partners)")
    .option('--playbook <file>', 'playbook YAML; default: the shipped default playbook')
    .option('--program <id>', `incentive program version; default: the deal's programId, else ${DEFAULT_PROGRAM_ID}`)
    .option('--horizon <duration>', "how long after booking to run, ISO-8601 (e.g. P18M); default: the script's, else P18M")
    .option('--json', 'print {"partner", "timeline": [...], "claims": [...], "notApplied": [...]} as JSON')
    .addHelpText('after', EXAMPLES)
    .action((options: SimulateOptions) => runCommand('simulate', () => simulate(options)));
}
