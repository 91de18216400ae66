import { BatonProcess } from './baton-process';
import { freePorts } from './free-ports';

export interface BatonTopologyOptions {
  temporalAddress: string;
  namespace: string;
  taskQueue: string;
  /** One directory for every service, as docker-compose's `baton-data` volume is mounted in each. */
  dataDir: string;
  workflowBundlePath: string;
  tokensFile: string;
  partnersDir: string;
  /** The playbooks bookings may name (BATON_PLAYBOOKS_DIR); the shipped ones by default. */
  playbooksDir?: string;
  /** Baton's business database: one for every service, on the cluster's PostgreSQL. */
  databaseUrl: string;
  smtpUrl?: string;
  claimsEndpoint?: string;
  workers: number;
  apis: number;
}

export interface ApiInstance {
  process: BatonProcess;
  url: string;
}

export interface BatonTopology {
  workers: BatonProcess[];
  apis: ApiInstance[];
  stop(): Promise<void>;
}

/**
 * docker-compose's baton-worker (replicas) and baton-api services on one machine, with the same
 * environment (`x-baton-env` plus each service's own) on loopback ports, and one business
 * database for all of them (the delivery ledger in it keeps a batch retried by another worker
 * after a crash from mailing again what the dead one delivered).
 */
export async function startBatonTopology(options: BatonTopologyOptions): Promise<BatonTopology> {
  const common: Record<string, string> = {
    TEMPORAL_ADDRESS: options.temporalAddress,
    TEMPORAL_NAMESPACE: options.namespace,
    BATON_TASK_QUEUE: options.taskQueue,
    BATON_HOST: '127.0.0.1',
    BATON_DATA_DIR: options.dataDir,
    BATON_WORKFLOW_BUNDLE: options.workflowBundlePath,
    BATON_TOKENS_FILE: options.tokensFile,
    BATON_PARTNERS_DIR: options.partnersDir,
    BATON_DATABASE_URL: options.databaseUrl,
    ...(options.playbooksDir ? { BATON_PLAYBOOKS_DIR: options.playbooksDir } : {}),
    SMTP_URL: options.smtpUrl ?? '',
    BATON_CLAIMS_ENDPOINT: options.claimsEndpoint ?? '',
    BATON_CHAT_WEBHOOK_URL: '',
    TEMPORAL_UI_URL: '',
    LOG_LEVEL: 'warn',
  };
  const metricsPort = async () => ({ metrics: (await freePorts(1))[0]! });
  const workers = Array.from(
    { length: options.workers },
    (_, i) => new BatonProcess({ role: 'worker', name: `worker-${i + 1}`, env: common, ports: metricsPort }),
  );
  // An API instance keeps its HTTP port across restarts, as a container behind a load balancer does.
  const httpPorts = await freePorts(options.apis);
  const apis = httpPorts.map((port, i) => {
    const url = `http://127.0.0.1:${port}`;
    const env = { ...common, BATON_HTTP_PORT: String(port), BATON_PUBLIC_URL: url };
    return { process: new BatonProcess({ role: 'api', name: `api-${i + 1}`, env, ports: metricsPort }), url };
  });
  const all = [...workers, ...apis.map((a) => a.process)];
  const stop = async () => {
    await Promise.all(all.map((p) => p.stop()));
  };
  try {
    await Promise.all(all.map((p) => p.start()));
  } catch (err) {
    await stop();
    throw err;
  }
  return { workers, apis, stop };
}
