import type { Command } from 'commander';
import type { Timeline } from '../../api/schemas/timeline';
import { renderTimeline } from '../api/render';
import { EXIT_CODES_HELP } from '../exit-codes';
import { output, type OutputOptions } from '../output';
import { runApiCommand } from '../runner';

export function registerTimelineCommand(program: Command): void {
  program
    .command('timeline')
    .description("A deal's business history: who did what, when and why, with links to the raw Temporal event history")
    .argument('<dealId>')
    .option('--json', 'print the timeline as JSON, each item with its historyUrl')
    .addHelpText(
      'after',
      `\nExamples:\n  $ baton timeline acme-dc-2021\n  $ baton timeline acme-dc-2021 --json | jq '.items[] | select(.type == "handoff.accepted")'\n\n${EXIT_CODES_HELP}`,
    )
    .action((dealId: string, options: OutputOptions) =>
      runApiCommand('timeline', async (api) => {
        output(options, await api.get<Timeline>(`/deals/${encodeURIComponent(dealId)}/timeline`), renderTimeline);
      }),
    );
}
