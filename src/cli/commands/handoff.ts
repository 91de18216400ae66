import type { Command } from 'commander';
import type { ActionResponse } from '../../api/schemas/actions';
import { renderActionResult } from './deal';
import { EXIT_CODES_HELP } from '../exit-codes';
import { output, type OutputOptions } from '../output';
import { runApiCommand } from '../runner';

/** `baton handoff accept|return`: the receiving side's answer to a handoff. */

const CONNECTION = `
Acts as the person whose token is in BATON_TOKEN, against BATON_API_URL (default
http://127.0.0.1:3000). ${EXIT_CODES_HELP}`;

const path = (dealId: string, handoff: string, verb: string) => `/deals/${encodeURIComponent(dealId)}/handoffs/${encodeURIComponent(handoff)}/${verb}`;

export function registerHandoffCommands(program: Command): void {
  const handoff = program.command('handoff').description('Accept or return a handoff (through the Baton API)');

  handoff
    .command('accept')
    .description('Accept a handoff: you take the work over (you must be its Accountable)')
    .argument('<dealId>')
    .argument('<handoff>', 'the handoff template id, e.g. sales-to-cs')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `\nExamples:\n  $ BATON_TOKEN=dev-northwind-chris baton handoff accept acme-dc-2021 sales-to-cs\n  $ baton handoff accept acme-dc-2021 sales-to-cs --json\n${CONNECTION}`)
    .action((dealId: string, template: string, options: OutputOptions) =>
      runApiCommand('handoff accept', async (api) => {
        output(options, await api.post<ActionResponse>(path(dealId, template, 'accept'), {}), renderActionResult);
      }),
    );

  handoff
    .command('return')
    .description('Return a handoff to the sending side for missing information')
    .argument('<dealId>')
    .argument('<handoff>', 'the handoff template id, e.g. sales-to-cs')
    .requiredOption('--reason <text>', 'what information is missing')
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `\nExamples:\n  $ baton handoff return acme-dc-2021 sales-to-cs --reason "no stakeholder contacts for the customer's IT team"\n${CONNECTION}`)
    .action((dealId: string, template: string, options: OutputOptions & { reason: string }) =>
      runApiCommand('handoff return', async (api) => {
        output(options, await api.post<ActionResponse>(path(dealId, template, 'return'), { reason: options.reason }), renderActionResult);
      }),
    );
}
