import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { writeTokensFile, type PersonKey } from '../../api/api-stack';
import { partner } from '../../workflows/fixtures/journeys';

/**
 * The configuration the cluster's Baton services read: API tokens for the test people, and a
 * partners directory holding the demo partner as an advanced partner with no adoption cap, so
 * every deal earns its Adopt claim however many run at once.
 */
export function writeClusterConfig(dir: string): { tokensFile: string; partnersDir: string; secrets: Record<PersonKey, string> } {
  const { file, secrets } = writeTokensFile(dir);
  const partnersDir = join(dir, 'partners');
  mkdirSync(partnersDir, { recursive: true });
  writeFileSync(join(partnersDir, `${partner.id}.yaml`), stringify(partner));
  return { tokensFile: file, partnersDir, secrets };
}
