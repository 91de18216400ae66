import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findOnPath } from '../../src/platform/run-command';
import { cachedTemporalServerDir, resolveTemporalServer } from '../../src/platform/temporal-server';
import { temporalServerVersion } from '../../src/platform/versions';
import { tempDir } from '../support/temporal';

const silent = () => {};

function fakeBinaries(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const name of ['temporal-server', 'temporal-sql-tool']) {
    writeFileSync(join(dir, name), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, name), 0o755);
  }
}

describe('Temporal server resolution (the cluster topology)', () => {
  it('uses both binaries from the cache keyed by version, and the schema of that release from the Go module cache', async () => {
    const go = findOnPath('go');
    expect(go, 'Go is needed to build the Temporal server').toBeDefined();
    const env = { ...process.env, PATH: dirname(go!), BATON_CACHE_DIR: tempDir('cache') };
    fakeBinaries(cachedTemporalServerDir(env));
    const resolved = await resolveTemporalServer(silent, env);
    expect(resolved).toMatchObject({ origin: 'cache', server: join(cachedTemporalServerDir(env), 'temporal-server') });
    expect(resolved.server).toContain(temporalServerVersion);
    expect(resolved.postgresSchemaDir).toContain(`server@${temporalServerVersion}`);
    expect(existsSync(join(resolved.postgresSchemaDir, 'temporal', 'versioned'))).toBe(true);
    expect(existsSync(join(resolved.postgresSchemaDir, 'visibility', 'versioned'))).toBe(true);
  });

  it('never uses the binaries of an interrupted build, and says Go is missing', async () => {
    const env = { PATH: tempDir('empty-path'), BATON_CACHE_DIR: tempDir('cache') };
    fakeBinaries(`${cachedTemporalServerDir(env)}.partial-abc`);
    await expect(resolveTemporalServer(silent, env)).rejects.toThrow(/no Go toolchain to build it/);
  });
});
