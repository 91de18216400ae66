import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { batonSearchAttributes, searchAttributeCliSpecs } from '../temporal/search-attributes';
import { temporalUnavailable, toEphemeralExecutable } from './executables';
import type { ProgressLog } from './run-command';
import type { TemporalCliSource } from './temporal-cli';

export interface DevServerOptions {
  cli: TemporalCliSource;
  /** The SQLite file lives here; the server resumes from it after a restart. */
  dataDir: string;
  host: string;
  port: number;
  /** Web UI port; no UI when undefined. */
  uiPort?: number;
  namespace: string;
  log: ProgressLog;
}

export interface RunningDevServer {
  address: string;
  uiUrl?: string;
  dbFile: string;
  /** The server process, when Baton spawned it (not with the SDK download), for resource readings. */
  pid?: number;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

// WAL for concurrent readers; FULL sync so an acknowledged write survives a crash of the machine.
const sqlitePragmas = ['journal_mode=WAL', 'synchronous=FULL'];
const readyTimeoutMs = 60_000;

export async function startDevServer(options: DevServerOptions): Promise<RunningDevServer> {
  mkdirSync(options.dataDir, { recursive: true });
  const dbFile = join(options.dataDir, 'temporal.sqlite');
  const address = `${options.host}:${options.port}`;
  const uiUrl = options.uiPort === undefined ? undefined : `http://${options.host}:${options.uiPort}`;

  if (options.cli.kind === 'sdk-download') {
    try {
      const env = await TestWorkflowEnvironment.createLocal({
        server: {
          executable: toEphemeralExecutable(options.cli),
          dbFilename: dbFile,
          namespace: options.namespace,
          ip: options.host,
          port: options.port,
          ui: options.uiPort !== undefined,
          uiPort: options.uiPort,
          searchAttributes: [...batonSearchAttributes],
          extraArgs: sqlitePragmas.flatMap((p) => ['--sqlite-pragma', p]),
        },
      });
      return { address, uiUrl, dbFile, stop: () => env.teardown() };
    } catch (err) {
      throw temporalUnavailable(err);
    }
  }

  const args = [
    'server', 'start-dev',
    '--ip', options.host,
    '--port', String(options.port),
    '--namespace', options.namespace,
    '--db-filename', dbFile,
    '--log-level', 'warn',
    ...sqlitePragmas.flatMap((p) => ['--sqlite-pragma', p]),
    ...searchAttributeCliSpecs().flatMap((spec) => ['--search-attribute', spec]),
    ...(options.uiPort === undefined ? ['--headless'] : ['--ui-port', String(options.uiPort)]),
  ];
  const child = spawn(options.cli.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: number | null | undefined;
  child.on('exit', (code) => {
    exited = code;
  });

  await waitUntilServing(address, options.namespace, () => {
    if (exited !== undefined) throw new Error(`Temporal dev server exited with ${exited}:\n${output.join('')}`);
  });
  return { address, uiUrl, dbFile, pid: child.pid, stop: (signal) => stopChild(child, signal) };
}

async function waitUntilServing(address: string, namespace: string, checkAlive: () => void): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    checkAlive();
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`Temporal dev server at ${address} not ready after ${readyTimeoutMs} ms: ${String(lastError)}`);
}

function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill(signal);
  });
}
