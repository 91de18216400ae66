import { timingSafeEqual } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Person } from '../domain/schemas/team';
import type { Role } from '../domain/schemas/common';
import { hashToken, readTokensFile, TokensFileError, type TokenEntry } from './tokens-file';

/** The authenticated caller: every mutation is attributed to `person`, every read scoped to `partnerId`. */
export interface Principal {
  person: Person;
  partnerId: string;
  roles: Role[];
}

interface Loaded {
  mtimeMs: number;
  entries: { hash: Buffer; entry: TokenEntry }[];
}

/**
 * Resolves bearer tokens against the tokens file. The file is re-read when it changes, so a
 * token added with `baton token create` works without restarting the API.
 */
export class TokenStore {
  private loaded: Loaded | undefined;

  private constructor(
    private readonly path: string,
    private readonly onReloadError: (err: Error) => void,
  ) {}

  /**
   * Fails when the file is missing or invalid, so a misconfigured API never starts. Later, a file
   * that turns unreadable (say, half-saved by an editor) keeps the last good tokens in force and
   * is reported to `onReloadError`.
   */
  static async open(path: string, onReloadError: (err: Error) => void): Promise<TokenStore> {
    const store = new TokenStore(path, onReloadError);
    await store.load();
    return store;
  }

  get size(): number {
    return this.loaded?.entries.length ?? 0;
  }

  async authenticate(secret: string): Promise<Principal | undefined> {
    await this.refresh();
    const presented = Buffer.from(hashToken(secret), 'hex');
    let match: TokenEntry | undefined;
    // Every entry is compared, in constant time each, so timing tells nothing about near misses.
    for (const { hash, entry } of this.loaded?.entries ?? []) {
      if (timingSafeEqual(hash, presented)) match = entry;
    }
    return match && { person: match.person, partnerId: match.partnerId, roles: match.roles };
  }

  private async refresh(): Promise<void> {
    try {
      await this.load();
    } catch (err) {
      this.onReloadError(err as Error);
    }
  }

  private async load(): Promise<void> {
    const mtimeMs = await stat(this.path).then(
      (s) => s.mtimeMs,
      (err: NodeJS.ErrnoException) => {
        throw new TokensFileError(`tokens file ${this.path}: cannot read: ${err.code ?? err.message}`);
      },
    );
    if (this.loaded?.mtimeMs === mtimeMs) return;
    const file = await readTokensFile(this.path);
    this.loaded = { mtimeMs, entries: file.tokens.map((entry) => ({ hash: Buffer.from(entry.tokenSha256, 'hex'), entry })) };
  }
}
