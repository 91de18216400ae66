import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { batonCacheDir } from './cache-dir';
import { commandWorks, findOnPath, runWithProgress, type ProgressLog } from './run-command';
import { temporalCliModule, temporalCliVersion } from './versions';

/** Where the Temporal CLI (dev server + Web UI) comes from. `sdk-download` lets the SDK fetch it. */
export type TemporalCliSource =
  | { kind: 'path'; path: string; origin: 'env' | 'PATH' | 'cache' | 'built' }
  | { kind: 'sdk-download' };

export function cachedTemporalCliPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(batonCacheDir(env), 'temporal-cli', temporalCliVersion, 'temporal');
}

/**
 * Resolution order: TEMPORAL_CLI_PATH, a `temporal` on PATH, the cache, `go install` now, then the
 * SDK's own download (needs internet). The build goes to a temporary directory and is renamed into
 * place only when complete, so an interrupted build never leaves a binary that is later used.
 */
export async function resolveTemporalCli(log: ProgressLog, env: NodeJS.ProcessEnv = process.env): Promise<TemporalCliSource> {
  if (env.TEMPORAL_CLI_PATH) {
    if (!existsSync(env.TEMPORAL_CLI_PATH)) throw new Error(`TEMPORAL_CLI_PATH: no file at ${env.TEMPORAL_CLI_PATH}`);
    return { kind: 'path', path: env.TEMPORAL_CLI_PATH, origin: 'env' };
  }
  const onPath = findOnPath('temporal', env);
  if (onPath && commandWorks(onPath, ['--version'], env)) return { kind: 'path', path: onPath, origin: 'PATH' };

  const cached = cachedTemporalCliPath(env);
  if (existsSync(cached)) return { kind: 'path', path: cached, origin: 'cache' };

  if (commandWorks('go', ['version'], env)) {
    log(`Building the Temporal CLI ${temporalCliVersion} with go install (a few minutes the first time)...`);
    const finalDir = join(cached, '..');
    mkdirSync(join(finalDir, '..'), { recursive: true });
    const buildDir = mkdtempSync(`${finalDir}.partial-`);
    try {
      await runWithProgress('go', ['install', `${temporalCliModule}@${temporalCliVersion}`], {
        env: { ...env, GOBIN: buildDir, GOFLAGS: `${env.GOFLAGS ?? ''} -mod=mod`.trim() },
        log,
      });
      mkdirSync(finalDir, { recursive: true });
      renameSync(join(buildDir, 'temporal'), cached);
      log(`Temporal CLI cached at ${cached}`);
      return { kind: 'path', path: cached, origin: 'built' };
    } catch (err) {
      log(`go install failed: ${(err as Error).message.split('\n')[0]}`);
    } finally {
      rmSync(buildDir, { recursive: true, force: true });
    }
  }
  log('No Temporal CLI found or built here; falling back to the Temporal SDK download (needs internet).');
  return { kind: 'sdk-download' };
}
