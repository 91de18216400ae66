import type { Command } from 'commander';
import { closestName } from '../domain/schemas/closest-name';
import { CliFailure, EXIT } from './exit-codes';

/**
 * Checks that each word after a command group names one of its commands, before commander sees
 * the arguments: commander answers `baton import --help` with the root help and exit 0, which a
 * script reads as success. An unknown command is bad usage, named with the closest known one.
 */
export function checkCommandPath(program: Command, args: readonly string[]): void {
  let group = program;
  const path: string[] = [];
  for (const arg of args) {
    if (group.commands.length === 0 || arg.startsWith('-') || arg === 'help') return;
    const next = group.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!next) {
      const names = group.commands.map((c) => c.name());
      const suggestion = closestName(arg, names);
      const hint = suggestion ? `; did you mean '${[...path, suggestion].join(' ')}'?` : '';
      const of = [program.name(), ...path].join(' ');
      throw new CliFailure(`unknown command '${[...path, arg].join(' ')}'${hint} (the commands of ${of}: ${names.join(', ')})`, EXIT.badInput);
    }
    group = next;
    path.push(arg);
  }
}

/** Commander's own usage errors in the runner's words: `baton: unknown option '--partnr'; did you mean --partner?`. */
export function usageError(text: string): string {
  const [first = '', ...rest] = text.trim().replace(/^error: /, '').split('\n');
  const hint = rest.map((line) => line.replace(/^\((.*)\)$/, '$1')).filter(Boolean);
  return `baton: ${[first, ...hint.map((h) => h.charAt(0).toLowerCase() + h.slice(1))].join('; ')}\n`;
}
