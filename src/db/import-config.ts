import { readdir } from 'node:fs/promises';
import { readTokensFile } from '../auth/tokens-file';
import { loadPartnerProfile } from '../config/partner-files';
import type { Db } from './connect';
import { storeTokenHash } from './people/api-tokens';
import { upsertPartnerProfile } from './people/partner-profiles';

export interface ConfigFiles {
  /** BATON_TOKENS_FILE: token hashes with their person, partner and roles. */
  tokensFile: string;
  /** BATON_PARTNERS_DIR: one `<partnerId>.yaml` profile each. */
  partnersDir: string;
}

/**
 * Loads the YAML import format into the database: partner profiles (replacing the stored one
 * with the file's), people, their roles and token hashes. Idempotent: running it again adds
 * nothing, and a token revoked in the database stays revoked.
 */
export async function importConfigFiles(db: Db, files: ConfigFiles): Promise<{ partners: number; tokens: number }> {
  const names = (await readdir(files.partnersDir).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? [] : Promise.reject(err)))).filter((n) => n.endsWith('.yaml'));
  for (const name of names) await upsertPartnerProfile(db, await loadPartnerProfile(files.partnersDir, name.slice(0, -'.yaml'.length)));
  const { tokens } = await readTokensFile(files.tokensFile);
  for (const entry of tokens) {
    await storeTokenHash(db, entry.tokenSha256, { person: entry.person, partnerId: entry.partnerId, roles: entry.roles, label: entry.label, createdBy: `import:${files.tokensFile}` });
  }
  return { partners: names.length, tokens: tokens.length };
}
