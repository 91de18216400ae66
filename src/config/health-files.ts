import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { HealthConfig } from '../domain/health/schema';
import { formatZodError } from '../domain/schemas/errors';

export const DEFAULT_HEALTH_PATH = fileURLToPath(new URL('../../config/health.yaml', import.meta.url));

/** Reads and validates a health configuration; throws with one "where: what" line per problem. */
export async function loadHealthConfigFile(path: string): Promise<HealthConfig> {
  const result = HealthConfig.safeParse(parseYaml(await readFile(path, 'utf8')));
  if (!result.success) throw new Error(`invalid health configuration ${path}:\n${formatZodError(result.error)}`);
  return result.data;
}

export function defaultHealthConfig(): Promise<HealthConfig> {
  return loadHealthConfigFile(DEFAULT_HEALTH_PATH);
}
