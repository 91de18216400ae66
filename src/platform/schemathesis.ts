import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { batonCacheDir } from './cache-dir';
import { commandWorks, runWithProgress, type ProgressLog } from './run-command';
import { schemathesisVersion } from './versions';

export function cachedSchemathesisDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(batonCacheDir(env), 'schemathesis', schemathesisVersion);
}

/**
 * How to run the cached schemathesis: its virtualenv's python with `-m schemathesis.cli`. Not the
 * `bin/st` script, whose shebang names the partial directory the virtualenv was built in.
 */
export interface SchemathesisCommand {
  python: string;
  args: string[];
}

function commandIn(venvDir: string): SchemathesisCommand {
  return { python: join(venvDir, 'bin', 'python'), args: ['-m', 'schemathesis.cli'] };
}

/**
 * The pinned schemathesis in a virtualenv of its own under the cache: `python3 -m venv`, then pip.
 * The virtualenv is built in a partial directory and renamed into place only when pip succeeded,
 * so an interrupted install is never used. Returns undefined when there is no python3 with venv.
 */
export async function resolveSchemathesis(log: ProgressLog, env: NodeJS.ProcessEnv = process.env): Promise<SchemathesisCommand | undefined> {
  const finalDir = cachedSchemathesisDir(env);
  if (existsSync(join(finalDir, 'bin', 'python'))) return commandIn(finalDir);
  if (!commandWorks('python3', ['-m', 'venv', '--help'], env)) {
    log('No python3 with the venv module: the API fuzz test cannot run here.');
    return undefined;
  }
  mkdirSync(join(finalDir, '..'), { recursive: true });
  const buildDir = mkdtempSync(`${finalDir}.partial-`);
  try {
    log(`Installing schemathesis ${schemathesisVersion} from PyPI into ${finalDir} (once)...`);
    await runWithProgress('python3', ['-m', 'venv', buildDir], { env, log });
    await runWithProgress(join(buildDir, 'bin', 'python'), ['-m', 'pip', 'install', '--disable-pip-version-check', '--quiet', `schemathesis==${schemathesisVersion}`], { env, log });
    renameSync(buildDir, finalDir);
    log(`schemathesis cached at ${finalDir}`);
    return commandIn(finalDir);
  } catch (err) {
    log(`schemathesis install failed: ${(err as Error).message.split('\n')[0]}`);
    return undefined;
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
  }
}
