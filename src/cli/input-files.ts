import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { formatZodError } from '../domain/schemas/errors';

/** Bad user input: the CLI prints it and exits with code 2. */
export class InputError extends Error {}

/**
 * Reads a JSON (`.json`) or YAML (anything else) file and validates it; errors name the option,
 * the file, and each offending field with its rule.
 */
export async function readInputFile<T extends z.ZodType>(file: string, schema: T, option: string): Promise<z.output<T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`${option} ${file}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (err) {
    throw new InputError(`${option} ${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(err as Error).message}`);
  }
  const result = schema.safeParse(data);
  if (!result.success) throw new InputError(`${option} ${file}: invalid\n${formatZodError(result.error)}`);
  return result.data;
}
