import type { Command } from 'commander';
import type { HandoverReport } from '../../api/schemas/people';
import { EXIT, EXIT_CODES_HELP } from '../exit-codes';
import { InputError } from '../input-files';
import { output, type OutputOptions } from '../output';
import { runApiCommand } from '../runner';
import { renderTable } from '../table';

/** `baton people handover`: everything one person holds passes to another, through the Baton API. */

export function renderHandover(report: HandoverReport): string {
  const handed = report.deals.filter((d) => d.outcome === 'handedOver').length;
  const rows = report.deals.map((d) => [d.dealId, d.outcome === 'handedOver' ? 'handed over' : 'refused', d.outcome === 'handedOver' ? (d.roles ?? []).join(', ') : (d.reason ?? '')]);
  const summary = `${report.from} → ${report.to}: ${handed} of ${report.deals.length} open deal(s) handed over`;
  return report.deals.length === 0 ? `${report.from} holds no role on an open deal: nothing to hand over` : `${renderTable(['deal', 'outcome', 'roles / reason'], rows)}\n${summary}`;
}

export function registerPeopleCommands(program: Command): void {
  const people = program.command('people').description('People on the partner\'s deals');
  people
    .command('handover')
    .description('Hand over every role a person holds on the open deals of your partner to another person (one timeline entry per deal)')
    .argument('<from>', 'the e-mail of the person whose roles pass on')
    .argument('<to>', 'the e-mail of the person taking them over')
    .requiredOption('--reason <text>', 'why (recorded on every deal\'s timeline)')
    .option('--name <name>', 'the name of the person taking over (default: their e-mail)')
    .option('--json', 'print the report {"from", "to", "deals"} as JSON')
    .addHelpText(
      'after',
      `\nExamples:\n  $ BATON_TOKEN=dev-northwind-lee baton people handover chris.lee@northwind.example nia.ops@northwind.example --name "Nia Ops" --reason "Chris leaves on Friday"\n\nEach deal decides by its playbook (the R or A of the booking, or the practice lead, who manages escalations\npartner-wide); a deal that refuses is listed with why and the command exits 1.\n\n${EXIT_CODES_HELP}`,
    )
    .action((from: string, to: string, options: OutputOptions & { reason: string; name?: string }) =>
      runApiCommand('people handover', async (api) => {
        if (options.reason.trim() === '') throw new InputError('--reason: must give a reason');
        const report = await api.post<HandoverReport>('/people/handover', { from, to: { id: to, name: options.name ?? to }, reason: options.reason });
        output(options, report, renderHandover);
        if (report.deals.some((d) => d.outcome === 'refused')) process.exitCode = EXIT.refused;
      }),
    );
}
