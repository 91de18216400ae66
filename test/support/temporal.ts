import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, DefaultLogger } from '@temporalio/worker';
import { startDevServer, type RunningDevServer } from '../../src/platform/dev-server';
import { temporalUnavailable } from '../../src/platform/executables';

let runtimeQuieted = false;
/** Keeps the SDK's per-task logs out of test output; warnings and errors still show. */
export function quietTemporalRuntime(): void {
  if (runtimeQuieted) return;
  runtimeQuieted = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

export function workflowBundle(): { codePath: string } {
  return { codePath: inject('workflowBundlePath') };
}

/**
 * A fresh time-skipping test server (the Java one Baton provisions). The SDK gives it 5 s to
 * listen; a JVM starting beside other test files on two busy cores can take longer, so a start
 * that timed out is tried again before it counts as no server.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietTemporalRuntime();
  for (let attempt = 1; ; attempt++) {
    try {
      return await TestWorkflowEnvironment.createTimeSkipping({
        server: { executable: inject('testServerExecutable') },
      });
    } catch (err) {
      if (attempt < 3 && /did not start within/.test(String(err))) continue;
      throw temporalUnavailable(err);
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `baton-${prefix}-`));
}

/** A real dev server started by Baton's own launcher, on free ports and its own data directory. */
export async function startTestDevServer(dataDir = tempDir('dev'), port?: number): Promise<RunningDevServer> {
  quietTemporalRuntime();
  return startDevServer({
    cli: inject('temporalCli'),
    dataDir,
    host: '127.0.0.1',
    port: port ?? (await freePort()),
    namespace: 'default',
    log: () => {},
  });
}
