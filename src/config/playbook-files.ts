import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { parsePlaybook } from '../domain/playbook/parse';
import type { Playbook } from '../domain/playbook/schema';

/** The shipped default playbook, next to the other configuration files. */
export const DEFAULT_PLAYBOOK_PATH = fileURLToPath(new URL('../../config/playbooks/default.yaml', import.meta.url));

/** Reads and validates a playbook YAML file; a YAML syntax error is reported with its line. */
export async function loadPlaybookFile(path: string): Promise<Playbook> {
  const source = await readFile(path, 'utf8');
  return parsePlaybook(parseYaml(source));
}

export function defaultPlaybook(): Promise<Playbook> {
  return loadPlaybookFile(DEFAULT_PLAYBOOK_PATH);
}
