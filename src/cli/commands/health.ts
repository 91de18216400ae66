import type { Command } from 'commander';
import type { HealthAssessmentView } from '../../api/schemas/health';
import { HealthReadingInput } from '../../domain/schemas/health-reading';
import { TelemetryBatchBody } from '../../api/schemas/health';
import { EXIT_CODES_HELP } from '../exit-codes';
import { readInputFile } from '../input-files';
import { output, type OutputOptions } from '../output';
import { runApiCommand } from '../runner';
import { renderTable } from '../table';

function renderAssessment(a: HealthAssessmentView): string {
  const risk = a.renewalRisk ? `; renewal risk ${a.renewalRisk.level} (${Math.round(a.renewalRisk.utilisation * 100)}% of licences active)` : '';
  return [
    `Deal ${a.dealId}: health ${a.score.toFixed(2)} (objective ${a.objective.toFixed(2)}, scorecard ${a.subjective.toFixed(2)})${risk}`,
    ...(a.missing.length > 0 ? [`missing (scored at the bottom of the scale): ${a.missing.join(', ')}`] : []),
    '',
    renderTable(['input', 'score'], Object.entries(a.parts).map(([id, score]) => [id, String(score)])),
  ].join('\n');
}

const EXAMPLES = `
A reading is { scorecard?: { <field>: yes | in-progress | no }, telemetry?: { licensedUsers,
activeUsers, currentVersionShare, featuresActivated, valueIndex: [...] }, source? }; the fields
are those of config/health.yaml. Baton computes the score, its breakdown and the renewal risk,
records them on the deal's timeline and fires the playbook's triggers from them.
${EXIT_CODES_HELP}

Examples:
  $ baton health observe --deal acme-dc-2021 --reading reading.yaml
  $ baton health telemetry feed.json --json`;

export function registerHealthCommands(program: Command): void {
  const health = program.command('health').description("Observe deals' health from the CSM's scorecard and telemetry (through the Baton API)");
  health
    .command('observe')
    .description("Score one deal's reading and record it on the deal")
    .requiredOption('--deal <id>', 'the deal id')
    .requiredOption('--reading <file>', 'the reading (JSON or YAML)')
    .option('--json', 'print the assessment as JSON')
    .addHelpText('after', EXAMPLES)
    .action((options: OutputOptions & { deal: string; reading: string }) =>
      runApiCommand('health observe', async (api) => {
        const reading = await readInputFile(options.reading, HealthReadingInput, '--reading');
        const result = await api.post<HealthAssessmentView>(`/deals/${encodeURIComponent(options.deal)}/health`, reading);
        output(options, result, renderAssessment);
      }),
    );
  health
    .command('telemetry')
    .description("Score many deals' telemetry at once (POST /telemetry)")
    .argument('<file>', '{ readings: [{ dealId, telemetry, scorecard?, source? }] } (JSON or YAML)')
    .option('--json', 'print { observed, refused } as JSON')
    .addHelpText('after', EXAMPLES)
    .action((file: string, options: OutputOptions) =>
      runApiCommand('health telemetry', async (api) => {
        const batch = await readInputFile(file, TelemetryBatchBody, file);
        const result = await api.post<{ observed: HealthAssessmentView[]; refused: { dealId: string; reason: string }[] }>('/telemetry', batch);
        output(options, result, (r) =>
          [
            renderTable(['deal', 'health', 'renewal risk'], r.observed.map((a) => [a.dealId, a.score.toFixed(2), a.renewalRisk?.level ?? '-'])),
            ...r.refused.map((x) => `refused ${x.dealId}: ${x.reason}`),
          ].join('\n'),
        );
      }),
    );
}
