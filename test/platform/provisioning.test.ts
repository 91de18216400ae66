import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedTemporalCliPath, resolveTemporalCli } from '../../src/platform/temporal-cli';
import { cachedTestServerDir, resolveTestServer } from '../../src/platform/test-server';
import { temporalCliVersion } from '../../src/platform/versions';
import { tempDir } from '../support/temporal';

const silent = () => {};

function executable(path: string, script = '#!/bin/sh\nexit 0\n'): string {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, script);
  chmodSync(path, 0o755);
  return path;
}

/** An environment with an empty PATH: no temporal, go, java or mvn to be found. */
function bareEnv(): NodeJS.ProcessEnv {
  return { PATH: tempDir('empty-path'), BATON_CACHE_DIR: tempDir('cache') };
}

describe('Temporal CLI resolution', () => {
  it('prefers TEMPORAL_CLI_PATH, and names the variable when it points nowhere', async () => {
    const env = { ...bareEnv(), TEMPORAL_CLI_PATH: executable(join(tempDir('explicit'), 'temporal')) };
    expect(await resolveTemporalCli(silent, env)).toEqual({ kind: 'path', path: env.TEMPORAL_CLI_PATH, origin: 'env' });
    await expect(resolveTemporalCli(silent, { ...env, TEMPORAL_CLI_PATH: '/nowhere/temporal' })).rejects.toThrow(
      /TEMPORAL_CLI_PATH/,
    );
  });

  it('takes a working temporal on PATH before the cache', async () => {
    const env = bareEnv();
    executable(join(env.PATH!, 'temporal'));
    executable(cachedTemporalCliPath(env));
    expect(await resolveTemporalCli(silent, env)).toMatchObject({ origin: 'PATH', path: join(env.PATH!, 'temporal') });
  });

  it('uses the cache keyed by version when nothing is on PATH', async () => {
    const env = bareEnv();
    const cached = executable(cachedTemporalCliPath(env));
    expect(cached).toContain(temporalCliVersion);
    expect(await resolveTemporalCli(silent, env)).toEqual({ kind: 'path', path: cached, origin: 'cache' });
  });

  it('never uses a half-built binary from an interrupted build; falls back to the SDK download', async () => {
    const env = bareEnv();
    executable(join(`${join(cachedTemporalCliPath(env), '..')}.partial-abc`, 'temporal'));
    const lines: string[] = [];
    expect(await resolveTemporalCli((l) => lines.push(l), env)).toEqual({ kind: 'sdk-download' });
    expect(lines.join('\n')).toMatch(/SDK download/);
  });
});

describe('time-skipping test server resolution', () => {
  it('prefers TEMPORAL_TEST_SERVER_PATH', async () => {
    const env = { ...bareEnv(), TEMPORAL_TEST_SERVER_PATH: executable(join(tempDir('explicit'), 'ts')) };
    expect(await resolveTestServer(silent, env)).toMatchObject({ origin: 'env' });
  });

  it('uses a complete cached install, and ignores one without its wrapper', async () => {
    const env = bareEnv();
    mkdirSync(join(cachedTestServerDir(env), 'lib'), { recursive: true });
    expect(await resolveTestServer(silent, env)).toEqual({ kind: 'sdk-download' });
    const wrapper = executable(join(cachedTestServerDir(env), 'temporal-test-server'));
    expect(await resolveTestServer(silent, env)).toEqual({ kind: 'path', path: wrapper, origin: 'cache' });
  });
});
