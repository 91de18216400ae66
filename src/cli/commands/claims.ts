import type { Command } from 'commander';
import type { ClaimItem } from '../../api/schemas/claims';
import { renderClaims } from '../api/render';
import { EXIT_CODES_HELP } from '../exit-codes';
import { output, type OutputOptions } from '../output';
import { runApiCommand } from '../runner';
import { registerReconcileCommand } from './claims-reconcile';

interface ClaimsOptions extends OutputOptions {
  deal?: string;
  status?: string;
  quarter?: string;
}

export function registerClaimsCommand(program: Command): void {
  const claims = program
    .command('claims')
    .description("Your partner's incentive claims with their status")
    .option('--deal <dealId>', "one deal's claims")
    .option('--status <status>', 'draft, submitted, accepted, rejected or paid')
    .option('--quarter <label>', 'fiscal quarter, e.g. "FY2022 Q3"')
    .option('--json', 'print {"claims"} as JSON')
    .addHelpText(
      'after',
      `\nExamples:\n  $ baton claims\n  $ baton claims --deal acme-dc-2021 --status submitted --json\n\n${EXIT_CODES_HELP}`,
    )
    .action((options: ClaimsOptions) =>
      runApiCommand('claims', async (api) => {
        const result = await api.get<{ claims: ClaimItem[] }>('/claims', { dealId: options.deal, status: options.status, fiscalQuarter: options.quarter });
        output(options, result, (r) => renderClaims(r.claims));
      }),
    );
  registerReconcileCommand(claims);
}
