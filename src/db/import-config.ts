import { readdir } from 'node:fs/promises';
import { readTokensFile } from '../auth/tokens-file';
import { loadPartnerProfile } from '../config/partner-files';
import type { Db } from './connect';
import { storeTokenHash } from './people/api-tokens';
import { upsertPartnerProfile } from './people/partner-profiles';

/**
 * The YAML import format: partner profiles (BATON_PARTNERS_DIR, one `<partnerId>.yaml` each) and
 * token hashes with their person, partner and roles (BATON_TOKENS_FILE). Both imports are
 * idempotent: running one again adds nothing.
 */

/** Each file's profile replaces the stored one of that partner: the files are the deployment's configuration. */
export async function importPartnerProfiles(db: Db, dir: string): Promise<number> {
  const names = (await readdir(dir).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err)))).filter((n) => n.endsWith('.yaml'));
  for (const name of names) await upsertPartnerProfile(db, await loadPartnerProfile(dir, name.slice(0, -'.yaml'.length)));
  return names.length;
}

/** People, their roles (added, never removed) and token hashes; a token revoked in the database stays revoked. */
export async function importTokensFile(db: Db, file: string): Promise<number> {
  const { tokens } = await readTokensFile(file);
  for (const entry of tokens) {
    await storeTokenHash(db, entry.tokenSha256, { person: entry.person, partnerId: entry.partnerId, roles: entry.roles, label: entry.label, createdBy: `import:${file}` });
  }
  return tokens.length;
}

export interface ConfigFiles {
  tokensFile: string;
  partnersDir: string;
}

export async function importConfigFiles(db: Db, files: ConfigFiles): Promise<{ partners: number; tokens: number }> {
  return { partners: await importPartnerProfiles(db, files.partnersDir), tokens: await importTokensFile(db, files.tokensFile) };
}
