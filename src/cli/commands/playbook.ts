import type { Command } from 'commander';
import { defaultPlaybook, loadPlaybookFile } from '../../config/playbook-files';
import { mermaidDiagram } from '../../domain/lifecycle/diagram';
import { PlaybookError } from '../../domain/playbook/parse';
import { stepsInOrder } from '../../domain/playbook/queries';
import { describeHandoffSla } from '../../domain/playbook/handoff-sla';
import type { Playbook } from '../../domain/playbook/schema';

/** `baton playbook show|diagram|check`: inspect the lifecycle a partner runs. */

interface FileOption {
  file?: string;
}

function load(options: FileOption): Promise<Playbook> {
  return options.file ? loadPlaybookFile(options.file) : defaultPlaybook();
}

function describeError(err: unknown): string {
  if (err instanceof PlaybookError) return err.problems.join('\n');
  return err instanceof Error ? err.message : String(err);
}

/** Runs a command body; a failure prints its problems on stderr and exits 1. */
async function run(body: () => Promise<void>, failurePrefix = 'error'): Promise<void> {
  try {
    await body();
  } catch (err) {
    process.stderr.write(`${failurePrefix}:\n${describeError(err)}\n`);
    process.exitCode = 1;
  }
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

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
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
    table(['#', 'stage', 'step', ...roles, 'exit criteria'], rows),
    '',
    'Handoffs:',
    ...handoffs,
    '',
  ].join('\n');
}

export function registerPlaybookCommands(program: Command): void {
  const playbook = program.command('playbook').description('inspect and check lifecycle playbooks');

  playbook
    .command('show')
    .description('print the stages, steps and RACI matrix')
    .option('--json', 'print JSON instead of a table')
    .option('--file <path>', 'a playbook YAML file (default: the shipped default playbook)')
    .action((options: FileOption & { json?: boolean }) =>
      run(async () => {
        const pb = await load(options);
        const json = { id: pb.id, version: pb.version, name: pb.name, entryStep: pb.entryStep, steps: matrixRows(pb) };
        process.stdout.write(options.json ? `${JSON.stringify(json, null, 2)}\n` : showText(pb));
      }),
    );

  playbook
    .command('diagram')
    .description('print the lifecycle as a Mermaid state diagram')
    .option('--file <path>', 'a playbook YAML file (default: the shipped default playbook)')
    .action((options: FileOption) => run(async () => void process.stdout.write(mermaidDiagram(await load(options)))));

  playbook
    .command('check')
    .description("validate a partner's playbook file")
    .argument('<file>', 'playbook YAML file')
    .action((file: string) =>
      run(async () => {
        const pb = await loadPlaybookFile(file);
        const steps = stepsInOrder(pb).length;
        process.stdout.write(
          `ok: playbook ${pb.id} v${pb.version}: ${pb.stages.length} stages, ${steps} steps, ${pb.handoffs.length} handoffs, ${pb.escalation.rungs.length} escalation rungs\n`,
        );
      }, `${file} is not a valid playbook`),
    );
}
