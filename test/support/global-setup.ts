import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { EphemeralServerExecutable } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { toEphemeralExecutable } from '../../src/platform/executables';
import { resolveTemporalCli, type TemporalCliSource } from '../../src/platform/temporal-cli';
import { resolveTestServer } from '../../src/platform/test-server';
import { bundleBatonWorkflows } from '../../src/temporal/worker';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalCli: TemporalCliSource;
    testServerExecutable: EphemeralServerExecutable;
    workflowBundlePath: string;
    /** Superuser URL of the run's one embedded PostgreSQL; test files make their own databases on it. */
    postgresAdminUrl: string;
  }
}

/**
 * Once per run: provision the Temporal binaries, bundle the workflows every test worker reuses,
 * and start one real PostgreSQL (embedded, about half a second) for every test file to share.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (line: string) => console.log(`[test setup] ${line}`);
  const postgresDir = mkdtempSync(join(tmpdir(), 'baton-test-postgres-'));
  const [cli, testServer, bundle, postgres] = await Promise.all([
    resolveTemporalCli(log),
    resolveTestServer(log),
    bundleBatonWorkflows(new DefaultLogger('WARN')),
    startEmbeddedPostgres({ dataDir: postgresDir }),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'baton-test-bundle-'));
  const workflowBundlePath = join(dir, 'workflows.js');
  writeFileSync(workflowBundlePath, bundle.code);
  project.provide('temporalCli', cli);
  project.provide('testServerExecutable', toEphemeralExecutable(testServer));
  project.provide('workflowBundlePath', workflowBundlePath);
  project.provide('postgresAdminUrl', postgres.adminUrl);
  return async () => {
    await postgres.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(postgresDir, { recursive: true, force: true });
  };
}
