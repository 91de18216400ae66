import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from '../../activities/index';
import { apiDependencies } from '../../src/api/dependencies';
import { buildApi } from '../../src/api/server';
import type { Db } from '../../src/db/connect';
import { importConfigFiles } from '../../src/db/import-config';
import { ReadModelWriter } from '../../src/db/read-model/read-model-writer';
import { readModelSinks, type SnapshotTarget } from '../../src/temporal/read-model-sinks';
import { hashToken } from '../../src/auth/tokens-file';
import { OutboxClaimsGateway } from '../../src/claims/outbox-gateway';
import { LogNotifier } from '../../src/notify/log-notifier';
import { createLogger } from '../../src/observability/logger';
import type { RunningDevServer } from '../../src/platform/dev-server';
import { createTestDatabase } from '../support/postgres';
import { freePort, startTestDevServer, tempDir, workflowBundle } from '../support/temporal';

export const PEOPLE = {
  ana: { person: { id: 'ana.moreno@northwind.example', name: 'Ana Moreno' }, partnerId: 'northwind', roles: ['AM'] },
  chris: { person: { id: 'chris.lee@northwind.example', name: 'Chris Lee' }, partnerId: 'northwind', roles: ['CSM'] },
  sam: { person: { id: 'sam.ito@northwind.example', name: 'Sam Ito' }, partnerId: 'northwind', roles: ['CSS'] },
  pat: { person: { id: 'pat.kim@contoso.example', name: 'Pat Kim' }, partnerId: 'contoso', roles: ['AM'] },
  lee: { person: { id: 'lee.park@northwind.example', name: 'Lee Park' }, partnerId: 'northwind', roles: ['LEAD'] },
} as const;
export type PersonKey = keyof typeof PEOPLE;

/** A fresh tokens file for PEOPLE, with random secrets; returns the file and each person's secret. */
export function writeTokensFile(dir: string): { file: string; secrets: Record<PersonKey, string> } {
  const secrets = Object.fromEntries(Object.keys(PEOPLE).map((k) => [k, `test-${k}-${randomUUID()}`])) as Record<PersonKey, string>;
  const file = join(dir, 'tokens.yaml');
  const tokens = (Object.keys(PEOPLE) as PersonKey[]).map((k) => ({ tokenSha256: hashToken(secrets[k]), ...PEOPLE[k] }));
  writeFileSync(file, JSON.stringify({ tokens }));
  return { file, secrets };
}

/** A booking of the demo partner, booked today so that no deadline has passed. */
export function booking(id: string, partnerId = 'northwind') {
  return {
    id,
    partnerId,
    customer: { name: 'Acme Corp', contacts: [{ name: 'Jo Park', email: 'jo.park@acme.example', title: 'CIO' }] },
    architecture: 'data-center',
    bookedOn: new Date().toISOString().slice(0, 10),
    lineItems: [{ sku: 'DC-INTERSIGHT-ESS', useCase: 'intersight', quantity: 100, netValueUsd: 420000 }],
    renewal: { termMonths: 36 },
    team: {
      AM: [PEOPLE.ana.person],
      CSM: [PEOPLE.chris.person],
      CSS: [PEOPLE.sam.person],
    },
  };
}

export interface ApiStack {
  url: string;
  /** Baton's database of this stack, for tests that look at rows or run the CLI against it. */
  databaseUrl: string;
  /** The claims outbox's data directory: what the gateway sent is there. */
  dataDir: string;
  /** The same database, open: for tests that read or change rows directly. */
  db: Db;
  client: Client;
  secrets: Record<PersonKey, string>;
  /** Every log line the API wrote. */
  logs: string[];
  /** Every route the API registered. */
  routes: RouteOptions[];
  app: FastifyInstance;
  stop(): Promise<void>;
}

/** A real dev server, a real worker with Baton's workflows and activities, and the API on a free port. */
export async function startApiStack(options: { playbooksDir?: string; /** What the worker's sink hands snapshots to, around the stack's writer (a test that loses rows). */ snapshotTarget?: (writer: ReadModelWriter) => SnapshotTarget } = {}): Promise<ApiStack> {
  const dir = tempDir('api');
  const database = await createTestDatabase();
  const server: RunningDevServer = await startTestDevServer();
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger('info', {}, sink);
  const taskQueue = `api-test-${randomUUID()}`;
  const workerConnection = await NativeConnection.connect({ address: server.address });
  const readModel = new ReadModelWriter({ db: database.db, logger });
  const worker = await Worker.create({
    connection: workerConnection,
    taskQueue,
    workflowBundle: workflowBundle(),
    activities: createActivities({ publicUrl: 'http://baton.test', notifier: new LogNotifier(logger), claims: new OutboxClaimsGateway({ dataDir: dir }), db: database.db, client }),
    sinks: readModelSinks(options.snapshotTarget?.(readModel) ?? readModel),
  });
  const running = worker.run();
  const { file, secrets } = writeTokensFile(dir);
  // The YAML import format, as the embedded default loads it at start.
  await importConfigFiles(database.db, { tokensFile: file, partnersDir: 'config/partners' });
  const deps = await apiDependencies({ BATON_PLAYBOOKS_DIR: options.playbooksDir ?? 'config/playbooks', BATON_TASK_QUEUE: taskQueue, BATON_TOKENS_FILE: file, BATON_DEV_LOGIN: false, TEMPORAL_ADDRESS: undefined, BATON_PUBLIC_URL: undefined }, client, database.db, logger, 'http://temporal-ui.test');
  const routes: RouteOptions[] = [];
  const app = await buildApi({ ...deps, onRoute: (route) => routes.push(route) });
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  return {
    url: `http://127.0.0.1:${port}`,
    databaseUrl: database.url,
    dataDir: dir,
    db: database.db,
    client,
    secrets,
    logs,
    routes,
    app,
    async stop() {
      await app.close();
      worker.shutdown();
      await running;
      await readModel.drain(5_000);
      await workerConnection.close();
      await connection.close();
      await server.stop();
      await database.close();
    },
  };
}

/** A JSON request as `who` (or with no token); returns status and parsed body. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the API answered
export async function call(stack: ApiStack, who: PersonKey | undefined, method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: {
      ...(who ? { authorization: `Bearer ${stack.secrets[who]}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The real `baton` CLI against this stack, asynchronously (this process serves the API): as the
 * demo person `as` through the API, or with `env` alone (commands that open the database).
 */
export async function batonCli(stack: ApiStack, args: string[], { as, env = {} }: { as?: PersonKey; env?: Record<string, string> } = {}): Promise<CliResult> {
  const identity = as ? { BATON_API_URL: stack.url, BATON_TOKEN: stack.secrets[as] } : {};
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env: { ...process.env, ...identity, ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as CliResult;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
