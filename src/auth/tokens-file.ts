import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { Name, Role, Slug } from '../domain/schemas/common';
import { formatZodError } from '../domain/schemas/errors';
import { strictObject } from '../domain/schemas/strict';
import { Person } from '../domain/schemas/team';

/**
 * The API tokens file (`BATON_TOKENS_FILE`): an import format, loaded into the database by the
 * embedded default at start (src/db/import-config.ts). Only the SHA-256 of a token is stored, so
 * the file can be read by anyone who operates Baton without leaking access.
 */
export const TokenEntry = strictObject({
  tokenSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the 64 lower-case hex digits of a SHA-256'),
  person: Person,
  partnerId: Slug,
  /** The roles the person holds in the partner's organisation (RACI columns). */
  roles: z.array(Role).min(1, 'must list at least one role'),
  /** What the token is for, e.g. "laptop" or "CI"; shown nowhere secret. */
  label: Name.optional(),
});
export type TokenEntry = z.infer<typeof TokenEntry>;

export const TokensFile = strictObject({ tokens: z.array(TokenEntry).default([]) });
export type TokensFile = z.infer<typeof TokensFile>;

export class TokensFileError extends Error {}

export function hashToken(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A new secret: `bt_` and 32 random bytes, base64url. */
export function generateToken(): string {
  return `bt_${randomBytes(32).toString('base64url')}`;
}

/** Reads and validates the tokens file; a missing file is an error naming it. */
export async function readTokensFile(path: string): Promise<TokensFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new TokensFileError(`tokens file ${path}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let data: unknown;
  try {
    data = parseYaml(text) ?? {};
  } catch (err) {
    throw new TokensFileError(`tokens file ${path}: not valid YAML: ${(err as Error).message}`);
  }
  const result = TokensFile.safeParse(data);
  if (!result.success) throw new TokensFileError(`tokens file ${path}: invalid\n${formatZodError(result.error)}`);
  const seen = new Set<string>();
  for (const entry of result.data.tokens) {
    if (seen.has(entry.tokenSha256)) throw new TokensFileError(`tokens file ${path}: the same token hash is listed twice (${entry.person.id})`);
    seen.add(entry.tokenSha256);
  }
  return result.data;
}
