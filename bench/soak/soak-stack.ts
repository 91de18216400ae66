import { batonDatabaseOn } from '../../src/platform/cluster/baton-database';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { Playbook } from '../../src/domain/playbook/schema';
import { startBatonTopology, type BatonTopology } from '../../src/platform/cluster/baton-topology';
import { freePorts } from '../../src/platform/cluster/free-ports';
import { startTemporalCluster, type TemporalCluster } from '../../src/platform/cluster/temporal-cluster';
import { freeTemporalServerPorts } from '../../src/platform/cluster/temporal-server-ports';
import { resolveTemporalCli } from '../../src/platform/temporal-cli';
import { resolveTemporalServer } from '../../src/platform/temporal-server';
import { bundleBatonWorkflows } from '../../src/temporal/worker';
import { ApiPool } from '../../test/cluster/support/api-pool';
import { writeClusterConfig } from '../../test/cluster/support/cluster-config';
import { writeSoakPlaybook } from './playbook';
import { SoakSinks } from './sinks';

/**
 * What the soak runs on: the cluster topology of docker-compose.yml (Temporal server on
 * PostgreSQL, three workers, two API instances), with the claims and SMTP sinks on loopback.
 */
export interface SoakStack {
  cluster: TemporalCluster;
  topology: BatonTopology;
  sinks: SoakSinks;
  api: ApiPool;
  client: Client;
  playbook: Playbook;
  stop(): Promise<void>;
}

export async function startSoakStack(options: { sla: string; log: (line: string) => void }): Promise<SoakStack> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dir = mkdtempSync(join(tmpdir(), 'baton-soak-'));
  const cli = await resolveTemporalCli(options.log);
  if (cli.kind !== 'path') throw new Error('the soak needs the Temporal CLI built by `npm run presoak` (go install), not the SDK download');
  const binaries = await resolveTemporalServer(options.log);
  const bundle = await bundleBatonWorkflows(new DefaultLogger('WARN'));
  const bundlePath = join(dir, 'workflows.js');
  writeFileSync(bundlePath, bundle.code);
  const [postgresPort] = (await freePorts(1)) as [number];
  const cluster = await startTemporalCluster({ binaries, temporalCli: cli.path, dataDir: dir, namespace: 'default', postgresPort, ports: await freeTemporalServerPorts(), log: options.log });
  const sinks = new SoakSinks();
  await sinks.start();
  const config = writeClusterConfig(dir);
  const { playbooksDir, playbook } = await writeSoakPlaybook(dir, options.sla);
  const topology = await startBatonTopology({
    temporalAddress: cluster.address,
    namespace: cluster.namespace,
    taskQueue: 'baton',
    dataDir: join(dir, 'baton-data'),
    workflowBundlePath: bundlePath,
    tokensFile: config.tokensFile,
    partnersDir: config.partnersDir,
    playbooksDir,
    databaseUrl: await batonDatabaseOn(cluster.postgres, config),
    smtpUrl: sinks.smtpUrl,
    claimsEndpoint: sinks.claimsUrl,
    workers: 3,
    apis: 2,
  });
  // Long enough to ride out a Temporal server or PostgreSQL restart behind the API.
  const api = new ApiPool(topology.apis.map((a) => a.url), config.secrets, 120_000);
  const connection = await Connection.connect({ address: cluster.address });
  const client = new Client({ connection, namespace: cluster.namespace });
  options.log(`stack up in ${dir}: Temporal ${cluster.address}, PostgreSQL :${cluster.postgres.port}, APIs ${topology.apis.map((a) => a.url).join(' ')}`);
  return {
    cluster,
    topology,
    sinks,
    api,
    client,
    playbook,
    async stop() {
      await topology.stop();
      await connection.close();
      await cluster.stop();
      await sinks.stop();
    },
  };
}
