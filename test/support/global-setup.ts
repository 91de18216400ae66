import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { EphemeralServerExecutable } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { toEphemeralExecutable } from '../../src/platform/executables';
import { resolveTemporalCli, type TemporalCliSource } from '../../src/platform/temporal-cli';
import { resolveTestServer } from '../../src/platform/test-server';
import { bundleBatonWorkflows } from '../../src/temporal/worker';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalCli: TemporalCliSource;
    testServerExecutable: EphemeralServerExecutable;
    workflowBundlePath: string;
  }
}

/** Once per run: provision the Temporal binaries and bundle the workflows every test worker reuses. */
export default async function setup(project: TestProject): Promise<() => void> {
  const log = (line: string) => console.log(`[test setup] ${line}`);
  const [cli, testServer, bundle] = await Promise.all([
    resolveTemporalCli(log),
    resolveTestServer(log),
    bundleBatonWorkflows(new DefaultLogger('WARN')),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'baton-test-bundle-'));
  const workflowBundlePath = join(dir, 'workflows.js');
  writeFileSync(workflowBundlePath, bundle.code);
  project.provide('temporalCli', cli);
  project.provide('testServerExecutable', toEphemeralExecutable(testServer));
  project.provide('workflowBundlePath', workflowBundlePath);
  return () => rmSync(dir, { recursive: true, force: true });
}
