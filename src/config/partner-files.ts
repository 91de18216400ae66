import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { formatZodError } from '../domain/schemas/errors';
import { Partner } from '../domain/schemas/partner';

export class PartnerProfileError extends Error {
  constructor(
    message: string,
    /** There is no profile at all (as opposed to one that is invalid). */
    readonly missing = false,
  ) {
    super(message);
  }
}

/**
 * The profile of `partnerId` from `<dir>/<partnerId>.yaml`. Profiles are server configuration,
 * never caller input: specialization and architectures decide which incentives a deal earns.
 */
export async function loadPartnerProfile(dir: string, partnerId: string): Promise<Partner> {
  const path = join(dir, `${partnerId}.yaml`);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new PartnerProfileError(`partner ${partnerId} has no profile (${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, true);
  }
  const result = Partner.safeParse(parseYaml(text));
  if (!result.success) throw new PartnerProfileError(`partner profile ${path} is invalid:\n${formatZodError(result.error)}`);
  if (result.data.id !== partnerId) throw new PartnerProfileError(`partner profile ${path} has id ${result.data.id}, expected ${partnerId}`);
  return result.data;
}
