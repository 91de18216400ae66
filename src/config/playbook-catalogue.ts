import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Playbook } from '../domain/playbook/schema';
import { loadPlaybookFile, PlaybookFileError } from './playbook-files';

/** The playbook a deal runs when its booking names none. */
export const DEFAULT_PLAYBOOK_ID = 'default';

/**
 * The playbooks a server offers: every `<id>.yaml` of the playbooks folder (BATON_PLAYBOOKS_DIR),
 * each validated when the server starts, so that a partner's broken playbook stops the start
 * with its problems instead of failing a registration later. One file per playbook id; a deal
 * keeps running the version it was registered under.
 */
export class PlaybookCatalogue {
  private constructor(
    readonly dir: string,
    private readonly byId: ReadonlyMap<string, Playbook>,
  ) {}

  static async load(dir: string): Promise<PlaybookCatalogue> {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => name.endsWith('.yaml')).sort();
    } catch (err) {
      throw new PlaybookFileError(`playbooks folder ${dir}: cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const byId = new Map<string, Playbook>();
    for (const name of names) {
      const file = path.join(dir, name);
      const playbook = await loadPlaybookFile(file);
      const id = name.slice(0, -'.yaml'.length);
      if (playbook.id !== id) throw new PlaybookFileError(`${file}: id is "${playbook.id}" but the file name says "${id}"`);
      byId.set(id, playbook);
    }
    if (!byId.has(DEFAULT_PLAYBOOK_ID)) throw new PlaybookFileError(`playbooks folder ${dir} has no ${DEFAULT_PLAYBOOK_ID}.yaml, the playbook of bookings that name none`);
    return new PlaybookCatalogue(dir, byId);
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  /** The named playbook, or the default one when `id` is undefined; undefined for an unknown id. */
  find(id: string | undefined): Playbook | undefined {
    return this.byId.get(id ?? DEFAULT_PLAYBOOK_ID);
  }
}
