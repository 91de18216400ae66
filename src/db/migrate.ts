import { Migrator, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Db } from './connect';
import { migrations } from './migrations/index';

const provider: MigrationProvider = { getMigrations: async () => migrations };

export class MigrationError extends Error {}

function check(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = result.error instanceof Error ? result.error.message : String(result.error);
    throw new MigrationError(`database migration ${failed ?? '(before any migration ran)'} failed: ${reason}`, { cause: result.error });
  }
  return (result.results ?? []).map((r) => r.migrationName);
}

/**
 * Brings the schema to the latest version; returns the migrations applied. Kysely holds an
 * advisory lock meanwhile, so several processes starting at once apply each migration once.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  return check(await new Migrator({ db, provider }).migrateToLatest());
}

/** Up or down to exactly `name` (a key of `migrations`): for tests of each earlier version. */
export async function migrateTo(db: Db, name: string): Promise<string[]> {
  if (!(name in migrations)) throw new MigrationError(`no migration named ${name}; known: ${Object.keys(migrations).join(', ')}`);
  return check(await new Migrator({ db, provider }).migrateTo(name));
}

export const migrationNames = (): string[] => Object.keys(migrations);
