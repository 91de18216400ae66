import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { batonCacheDir } from './cache-dir';
import { commandWorks, runWithProgress, type ProgressLog } from './run-command';
import { temporalServerModule, temporalServerPackages, temporalServerVersion } from './versions';

/** The Temporal server binaries and the PostgreSQL schema files of the same release. */
export interface TemporalServerBinaries {
  server: string;
  sqlTool: string;
  /** `schema/postgresql/v12` inside the server module's source in the Go module cache. */
  postgresSchemaDir: string;
  origin: 'cache' | 'built';
}

export function cachedTemporalServerDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(batonCacheDir(env), 'temporal-server', temporalServerVersion);
}

const binaryNames = Object.keys(temporalServerPackages) as (keyof typeof temporalServerPackages)[];
const goEnv = (env: NodeJS.ProcessEnv, extra: NodeJS.ProcessEnv = {}) => ({ ...env, ...extra, GOFLAGS: `${env.GOFLAGS ?? ''} -mod=mod`.trim() });

/**
 * The server module's source directory in the Go module cache (downloaded if absent). The schema
 * files are read from there, never copied into the repository, so they always match the binaries.
 */
export function temporalServerModuleDir(env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync('go', ['mod', 'download', '-json', `${temporalServerModule}@${temporalServerVersion}`], {
    encoding: 'utf8',
    env: goEnv(env),
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`go mod download ${temporalServerModule}@${temporalServerVersion} failed: ${result.stderr || result.error?.message}`);
  const { Dir } = JSON.parse(result.stdout) as { Dir?: string };
  if (!Dir) throw new Error(`go mod download ${temporalServerModule}@${temporalServerVersion} named no directory`);
  return Dir;
}

/**
 * The cache first, else `go install` now. Both binaries are built into a temporary directory that
 * is renamed into place only when the build is complete, so an interrupted build is never used.
 * Unlike the dev server there is no download fallback: without Go the cluster topology cannot run.
 */
export async function resolveTemporalServer(log: ProgressLog, env: NodeJS.ProcessEnv = process.env): Promise<TemporalServerBinaries> {
  const finalDir = cachedTemporalServerDir(env);
  const paths = { server: join(finalDir, 'temporal-server'), sqlTool: join(finalDir, 'temporal-sql-tool') };
  let origin: TemporalServerBinaries['origin'] = 'cache';
  if (!existsSync(paths.server) || !existsSync(paths.sqlTool)) {
    if (!commandWorks('go', ['version'], env)) {
      throw new Error(`The Temporal server ${temporalServerVersion} is not in ${finalDir} and there is no Go toolchain to build it (Go >= 1.25 needed).`);
    }
    log(`Building the Temporal server ${temporalServerVersion} and its SQL tool with go install (several minutes the first time)...`);
    mkdirSync(join(finalDir, '..'), { recursive: true });
    const buildDir = mkdtempSync(`${finalDir}.partial-`);
    const started = Date.now();
    try {
      const targets = binaryNames.map((name) => `${temporalServerModule}/${temporalServerPackages[name]}@${temporalServerVersion}`);
      await runWithProgress('go', ['install', ...targets], { env: goEnv(env, { GOBIN: buildDir }), log });
      // `go install` names each binary after its package directory (server, sql).
      for (const name of binaryNames) renameSync(join(buildDir, temporalServerPackages[name].split('/').pop()!), join(buildDir, name));
      chmodSync(buildDir, 0o755);
      rmSync(finalDir, { recursive: true, force: true });
      renameSync(buildDir, finalDir);
      log(`Temporal server cached at ${finalDir} (built in ${Math.round((Date.now() - started) / 1000)} s)`);
      origin = 'built';
    } finally {
      rmSync(buildDir, { recursive: true, force: true });
    }
  }
  return { ...paths, postgresSchemaDir: join(temporalServerModuleDir(env), 'schema', 'postgresql', 'v12'), origin };
}
