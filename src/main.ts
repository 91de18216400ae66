/**
 * `npm start`: Baton on one machine. Starts (or connects to) PostgreSQL and Temporal, the worker
 * and the HTTP API, prints where they are, and stops them cleanly on Ctrl-C / SIGTERM, letting the
 * worker drain before the databases stop.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Runtime } from '@temporalio/worker';
import { createActivities } from '../activities/index';
import { apiDependencies } from './api/dependencies';
import { CONSOLE_DIST } from './api/console';
import { buildApi } from './api/server';
import { createClaimsGateway } from './claims/create-gateway';
import { createNotifier } from './notify/create-notifier';
import { ConfigError, devLoginEnabled, loadEnvConfig } from './config/env';
import { PlaybookCatalogue } from './config/playbook-catalogue';
import { PlaybookFileError } from './config/playbook-files';
import { DatabaseUnreachableError } from './db/connect';
import { MigrationError } from './db/migrate';
import { ReadModelWriter } from './db/read-model/read-model-writer';
import { openDatabase, type OpenDatabase } from './db/open-database';
import { createLogger } from './observability/logger';
import { startDevServer, type RunningDevServer } from './platform/dev-server';
import { resolveTemporalCli } from './platform/temporal-cli';
import { connectClient, connectWorker, temporalTarget } from './temporal/connection';
import { createBatonWorker } from './temporal/worker';

let config;
try {
  config = loadEnvConfig();
  // A broken playbook stops the start before anything runs, naming the file and its problems.
  if (config.BATON_ROLE !== 'worker') await PlaybookCatalogue.load(config.BATON_PLAYBOOKS_DIR);
} catch (err) {
  if (err instanceof ConfigError || err instanceof PlaybookFileError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}
const logger = createLogger(config.LOG_LEVEL);

let database: OpenDatabase;
try {
  database = await openDatabase(config, (line) => logger.info(line));
} catch (err) {
  // One clear line (URL with the password redacted) rather than a stack trace.
  if (err instanceof DatabaseUnreachableError || err instanceof MigrationError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

let devServer: RunningDevServer | undefined;
let address = config.TEMPORAL_ADDRESS;
let uiUrl = config.TEMPORAL_UI_URL;
if (!address) {
  const cli = await resolveTemporalCli((line) => logger.info(line));
  const dataDir = resolve(config.BATON_DATA_DIR);
  devServer = await startDevServer({
    cli,
    dataDir,
    host: config.BATON_HOST,
    port: config.BATON_TEMPORAL_PORT,
    uiPort: config.BATON_TEMPORAL_UI_PORT,
    namespace: config.TEMPORAL_NAMESPACE,
    log: (line) => logger.info(line),
  });
  address = devServer.address;
  uiUrl ??= devServer.uiUrl;
  logger.info({ dbFile: devServer.dbFile }, 'Temporal dev server started');
}

// Baton handles the signals itself so that the API closes before the worker drains; the runtime
// serves Temporal's own metrics for Prometheus.
Runtime.install({
  shutdownSignals: [],
  telemetryOptions: { metrics: { prometheus: { bindAddress: `${config.BATON_HOST}:${config.BATON_METRICS_PORT}` } } },
});
const target = temporalTarget(config, address);
const client = await connectClient(target);
const publicUrl = config.BATON_PUBLIC_URL ?? `http://${config.BATON_HOST}:${config.BATON_HTTP_PORT}`;
const runsWorker = config.BATON_ROLE !== 'api';
const runsApi = config.BATON_ROLE !== 'worker';

const workerConnection = runsWorker ? await connectWorker(target) : undefined;
const readModelWriter = new ReadModelWriter({ db: database.db, logger });
const worker = workerConnection
  ? await createBatonWorker({
      connection: workerConnection,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.BATON_TASK_QUEUE,
      workflowBundle: config.BATON_WORKFLOW_BUNDLE ? { codePath: resolve(config.BATON_WORKFLOW_BUNDLE) } : undefined,
      activities: createActivities({ publicUrl, notifier: createNotifier(config, logger, database.db), claims: createClaimsGateway(config, logger), db: database.db, client }),
      readModel: readModelWriter,
    })
  : undefined;
const workerRun = worker?.run();
const api = runsApi ? await buildApi(await apiDependencies(config, client, database.db, logger, uiUrl, fileURLToPath(CONSOLE_DIST))) : undefined;
await api?.listen({ host: config.BATON_HOST, port: config.BATON_HTTP_PORT });

console.log(
  [
    '',
    'Baton is running.',
    ...(api ? [`  Console:          ${publicUrl}/${devLoginEnabled(config) ? '  (development sign-in: pick a person of the tokens file)' : ''}`, `  API:              ${publicUrl}  (docs ${publicUrl}/docs)`] : []),
    ...(worker ? [`  Worker:           task queue ${config.BATON_TASK_QUEUE}`] : []),
    `  Database:         ${database.where}${database.embedded ? ` (embedded, data in ${resolve(config.BATON_DATA_DIR, 'postgres')})` : ''}`,
    `  Temporal:         ${address} (namespace ${config.TEMPORAL_NAMESPACE})`,
    ...(uiUrl ? [`  Temporal Web UI:  ${uiUrl}`] : []),
    `  Worker metrics:   http://${config.BATON_HOST}:${config.BATON_METRICS_PORT}/metrics`,
    ...(devServer ? [`  Data:             ${devServer.dbFile}`] : []),
    'Press Ctrl-C to stop.',
    '',
  ].join('\n'),
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'Shutting down: draining the worker');
  await api?.close();
  worker?.shutdown();
  await workerRun;
  // The rows its last tasks handed over, before the database closes.
  await readModelWriter.drain(10_000);
  await workerConnection?.close();
  await client.connection.close();
  await database.close();
  await devServer?.stop();
  logger.info('Stopped');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
