import type { Command } from 'commander';
import type { InboxItem } from '../../api/schemas/inbox';
import { renderInbox } from '../api/render';
import { EXIT_CODES_HELP } from '../exit-codes';
import { output, type OutputOptions } from '../output';
import { runApiCommand } from '../runner';

export function registerInboxCommand(program: Command): void {
  program
    .command('inbox')
    .description('Your open steps and handoffs where you are Responsible or Accountable, soonest deadline first')
    .option('--json', 'print {"person", "items"} as JSON')
    .addHelpText(
      'after',
      `\nExamples:\n  $ BATON_TOKEN=dev-northwind-chris baton inbox\n  $ baton inbox --json | jq '.items[0]'\n\n${EXIT_CODES_HELP}`,
    )
    .action((options: OutputOptions) =>
      runApiCommand('inbox', async (api) => {
        const inbox = await api.get<{ person: string; items: InboxItem[] }>('/inbox');
        output(options, inbox, (i) => renderInbox(i.person, i.items));
      }),
    );
}
