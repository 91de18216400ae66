import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { PlaybookError, parsePlaybook } from '../domain/playbook/parse';
import type { Playbook } from '../domain/playbook/schema';

/** The shipped default playbook, next to the other configuration files. */
export const DEFAULT_PLAYBOOK_PATH = fileURLToPath(new URL('../../config/playbooks/default.yaml', import.meta.url));

/** A playbook file that cannot be used: unreadable, not YAML (with its line), or invalid (every problem with its location). */
export class PlaybookFileError extends Error {}

/** Reads and validates a playbook YAML file. */
export async function loadPlaybookFile(path: string): Promise<Playbook> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (err) {
    throw new PlaybookFileError(`${path}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return parsePlaybook(parseYaml(source));
  } catch (err) {
    const problems = err instanceof PlaybookError ? err.problems.join('\n') : (err as Error).message;
    throw new PlaybookFileError(`${path} is not a valid playbook:\n${problems}`);
  }
}

export function defaultPlaybook(): Promise<Playbook> {
  return loadPlaybookFile(DEFAULT_PLAYBOOK_PATH);
}
