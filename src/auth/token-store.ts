import type { Db } from '../db/connect';
import { countActiveTokens, principalForTokenHash } from '../db/people/api-tokens';
import type { Person } from '../domain/schemas/team';
import type { Role } from '../domain/schemas/common';
import { hashToken } from './tokens-file';

/** The authenticated caller: every mutation is attributed to `person`, every read scoped to `partnerId`. */
export interface Principal {
  person: Person;
  partnerId: string;
  roles: Role[];
}

/**
 * Resolves bearer tokens against the api_tokens table, so a token created or revoked (CLI or
 * API, on any instance) counts at once. The lookup is by the token's SHA-256: comparing hashes
 * of a secret tells a timing observer nothing about the secret.
 */
export class TokenStore {
  constructor(private readonly db: Db) {}

  /** Unrevoked tokens, for the start-up log. */
  count(): Promise<number> {
    return countActiveTokens(this.db);
  }

  async authenticate(secret: string): Promise<Principal | undefined> {
    return principalForTokenHash(this.db, hashToken(secret));
  }
}
