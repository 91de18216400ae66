import { formatZodError } from '../schemas/errors';
import { Playbook } from './schema';

/** A playbook that failed validation; `problems` holds one "where: what" line per issue. */
export class PlaybookError extends Error {
  override readonly name = 'PlaybookError';
  constructor(readonly problems: string[]) {
    super(`invalid playbook:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/** Validates shape and cross-references; throws PlaybookError listing every problem. */
export function parsePlaybook(input: unknown): Playbook {
  const result = Playbook.safeParse(input);
  if (!result.success) throw new PlaybookError(formatZodError(result.error).split('\n'));
  return result.data;
}
