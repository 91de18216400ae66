import type { Command } from 'commander';
import { defaultPlaybook, loadPlaybookFile } from '../../config/playbook-files';
import { mermaidDiagram } from '../../domain/lifecycle/diagram';
import { stepsInOrder } from '../../domain/playbook/queries';
import { describeHandoffSla } from '../../domain/playbook/handoff-sla';
import type { Playbook } from '../../domain/playbook/schema';
import { EXIT_CODES_HELP } from '../exit-codes';
import { runCommand } from '../runner';
import { renderTable } from '../table';

/** `baton playbook show|diagram|check`: inspect the lifecycle a partner runs. */

interface FileOption {
  file?: string;
}

function load(options: FileOption): Promise<Playbook> {
  return options.file ? loadPlaybookFile(options.file) : defaultPlaybook();
}

function matrixRows(playbook: Playbook) {
  return stepsInOrder(playbook).map(({ stage, step, index }) => ({
    number: index + 1,
    stage: stage.name,
    step: step.name,
    stepId: step.id,
    raci: step.raci,
    exitCriteria: step.exitCriteria,
  }));
}

function showText(playbook: Playbook): string {
  const roles = playbook.roles.map((r) => r.id);
  const rows = matrixRows(playbook).map((r) => [
    String(r.number),
    r.stage,
    r.step + (r.stepId === playbook.entryStep ? ' (entry)' : ''),
    ...roles.map((role) => r.raci[role] ?? ''),
    r.exitCriteria.map((c) => (c.kind === 'handoff-accepted' ? `${c.handoff} accepted` : c.kind)).join(', '),
  ]);
  const handoffs = playbook.handoffs.map((h) => `  ${h.id}: ${h.name} (${h.trigger.on}, SLA ${describeHandoffSla(h)})`);
  return [
    `Playbook ${playbook.id} v${playbook.version}: ${playbook.name}`,
    '',
    renderTable(['#', 'stage', 'step', ...roles, 'exit criteria'], rows),
    '',
    'Handoffs:',
    ...handoffs,
    '',
  ].join('\n');
}

export function registerPlaybookCommands(program: Command): void {
  const playbook = program.command('playbook').description('inspect and check lifecycle playbooks').addHelpText('after', `\n${EXIT_CODES_HELP}`);

  playbook
    .command('show')
    .description('print the stages, steps and RACI matrix')
    .option('--json', 'print JSON instead of a table')
    .option('--file <path>', 'a playbook YAML file (default: the shipped default playbook)')
    .action((options: FileOption & { json?: boolean }) =>
      runCommand('playbook show', async () => {
        const pb = await load(options);
        const json = { id: pb.id, version: pb.version, name: pb.name, entryStep: pb.entryStep, steps: matrixRows(pb) };
        process.stdout.write(options.json ? `${JSON.stringify(json, null, 2)}\n` : showText(pb));
      }),
    );

  playbook
    .command('diagram')
    .description('print the lifecycle as a Mermaid state diagram')
    .option('--file <path>', 'a playbook YAML file (default: the shipped default playbook)')
    .action((options: FileOption) => runCommand('playbook diagram', async () => void process.stdout.write(mermaidDiagram(await load(options)))));

  playbook
    .command('check')
    .description("validate a partner's playbook file")
    .argument('<file>', 'playbook YAML file')
    .action((file: string) =>
      runCommand('playbook check', async () => {
        const pb = await loadPlaybookFile(file);
        const steps = stepsInOrder(pb).length;
        process.stdout.write(
          `ok: playbook ${pb.id} v${pb.version}: ${pb.stages.length} stages, ${steps} steps, ${pb.handoffs.length} handoffs, ${pb.escalation.rungs.length} escalation rungs\n`,
        );
      }),
    );
}
