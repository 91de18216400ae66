import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { batonSearchAttributes, searchAttributeCliSpecs } from '../../temporal/search-attributes';
import type { ProgressLog } from '../run-command';
import type { TemporalServerBinaries } from '../temporal-server';
import { startPostgres, type RunningPostgres } from './postgres';
import { setupTemporalSchema } from './temporal-schema';
import type { TemporalServerPorts } from './temporal-server-config';
import { TemporalServerProcess } from './temporal-server-process';

const run = promisify(execFile);

export interface TemporalClusterOptions {
  binaries: TemporalServerBinaries;
  /** The Temporal CLI, for the namespace and search attributes (as docker-compose's admin-tools). */
  temporalCli: string;
  dataDir: string;
  namespace: string;
  /** Free loopback ports: PostgreSQL's and the server's nine. */
  postgresPort: number;
  ports: TemporalServerPorts;
  log: ProgressLog;
}

export interface TemporalCluster {
  address: string;
  namespace: string;
  postgres: RunningPostgres;
  server: TemporalServerProcess;
  stop(): Promise<void>;
}

/**
 * The production topology's Temporal on one machine: PostgreSQL, the schema, the Temporal server
 * on it, the namespace and Baton's search attributes. What docker-compose's postgresql, temporal
 * (auto-setup) and temporal-search-attributes services do, without containers.
 */
export async function startTemporalCluster(options: TemporalClusterOptions): Promise<TemporalCluster> {
  const postgres = await startPostgres({ dataDir: options.dataDir, port: options.postgresPort });
  const server = new TemporalServerProcess({ binaries: options.binaries, dir: join(options.dataDir, 'temporal'), ports: options.ports, db: postgres });
  const stop = async () => {
    await server.stop();
    await postgres.stop();
  };
  try {
    await setupTemporalSchema(options.binaries, postgres, () => {});
    await server.start();
    await setUpNamespace(options.temporalCli, server.address, options.namespace);
    options.log(`Temporal server ${server.address} on PostgreSQL 127.0.0.1:${postgres.port}, namespace ${options.namespace} with Baton's search attributes`);
    return { address: server.address, namespace: options.namespace, postgres, server, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The namespace and Baton's search attributes on it, with the Temporal CLI, as docker-compose's one-shot does. */
async function setUpNamespace(cli: string, address: string, namespace: string): Promise<void> {
  const temporal = (args: string[]) => run(cli, [...args, '--address', address], { timeout: 30_000 });
  await temporal(['operator', 'namespace', 'create', '--namespace', namespace, '--retention', '72h']);
  await waitFor(`namespace ${namespace}`, () => temporal(['operator', 'namespace', 'describe', '--namespace', namespace]));
  // One --name and one --type per attribute, paired in order, as docker-compose's one-shot does.
  const pairs = searchAttributeCliSpecs().flatMap((spec) => {
    const [name, type] = spec.split('=') as [string, string];
    return ['--name', name, '--type', type];
  });
  await temporal(['operator', 'search-attribute', 'create', '--namespace', namespace, ...pairs]);
  await waitFor('the search attributes to be visible', async () => {
    const connection = await Connection.connect({ address });
    try {
      const { customAttributes } = await connection.operatorService.listSearchAttributes({ namespace });
      const missing = batonSearchAttributes.filter((key) => !customAttributes?.[key.name]);
      if (missing.length > 0) throw new Error(`missing ${missing.map((k) => k.name).join(', ')}`);
    } finally {
      await connection.close();
    }
  });
}

async function waitFor(what: string, attempt: () => Promise<unknown>, timeoutMs = 60_000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    try {
      await attempt();
      return;
    } catch (err) {
      if (Date.now() > giveUpAt) throw new Error(`timed out waiting for ${what}: ${String(err)}`, { cause: err });
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
