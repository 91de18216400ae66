import { readFile } from 'node:fs/promises';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { Principal } from './token-store';
import { hashToken, readTokensFile } from './tokens-file';

/** A person the development sign-in offers, with the secret that signs them in. */
export interface DevPerson extends Principal {
  secret: string;
}

const SECRET_COMMENT = /secret:\s*(\S+)/;

/**
 * The people of a development tokens file whose secret is written in the comment above their
 * entry (`# secret: dev-northwind-ana`, as config/tokens.dev.yaml documents them). A comment is
 * believed only when it hashes to the entry's token, so a stale comment offers nobody; a
 * production file, which has no such comments, offers nobody at all.
 */
export async function readDevPeople(path: string): Promise<DevPerson[]> {
  const file = await readTokensFile(path);
  const document = parseDocument(await readFile(path, 'utf8'));
  const items = document.get('tokens');
  if (!isSeq(items)) return [];
  const people: DevPerson[] = [];
  items.items.forEach((item, index) => {
    // The YAML parser gives the first entry's comment to the list itself.
    const comment = (isMap(item) ? item.commentBefore : undefined) ?? (index === 0 ? items.commentBefore : undefined);
    const secret = comment?.match(SECRET_COMMENT)?.[1];
    const entry = file.tokens[index];
    if (!secret || !entry || hashToken(secret) !== entry.tokenSha256) return;
    people.push({ person: entry.person, partnerId: entry.partnerId, roles: entry.roles, secret });
  });
  return people;
}
