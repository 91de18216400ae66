import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { formatZodError } from '../domain/schemas/errors';
import { Program } from '../incentives/program-schema';

/** Incentive program versions ship as `config/programs/<id>.yaml`, one file per version. */
export const PROGRAMS_DIR = fileURLToPath(new URL('../../config/programs/', import.meta.url));

/** The vendor's FY2021 lifecycle incentives (DOMAIN section 5). */
export const DEFAULT_PROGRAM_ID = 'fy2021-lifecycle';

export class ProgramFileError extends Error {}

const PROGRAM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Validates a program file's text; errors name the file, the field path and the rule. */
export function parseProgram(text: string, source: string): Program {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new ProgramFileError(`${source}: not valid YAML: ${(err as Error).message}`);
  }
  const result = Program.safeParse(data);
  if (!result.success) throw new ProgramFileError(`${source}: invalid program\n${formatZodError(result.error)}`);
  return result.data;
}

export async function loadProgram(id: string, dir: string = PROGRAMS_DIR): Promise<Program> {
  if (!PROGRAM_ID.test(id)) throw new ProgramFileError(`program id ${JSON.stringify(id)} must be letters, digits, ".", "_" or "-"`);
  const file = path.join(dir, `${id}.yaml`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    const known = (await listPrograms(dir)).map((p) => p.id);
    throw new ProgramFileError(`no program "${id}" in ${dir} (known: ${known.join(', ') || 'none'})`);
  }
  const program = parseProgram(text, file);
  if (program.id !== id) throw new ProgramFileError(`${file}: id is "${program.id}" but the file name says "${id}"`);
  return program;
}

/** Every program file in the directory, validated, by id. */
export async function listPrograms(dir: string = PROGRAMS_DIR): Promise<Program[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort();
  return Promise.all(names.map((name) => loadProgram(name.slice(0, -'.yaml'.length), dir)));
}
