import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '../../support/temporal';

export interface WorkerProcessOptions {
  temporalAddress: string;
  taskQueue: string;
  /** The prebuilt workflow bundle: a restart then takes seconds, not a bundling. */
  workflowBundlePath: string;
  dataDir: string;
  /** Baton's database, shared by every incarnation (and by other workers, as in production). */
  databaseUrl: string;
  claimsEndpoint?: string;
  smtpUrl?: string;
}

const readyTimeoutMs = 60_000;

/**
 * Baton's worker as production runs it (`src/main.ts`, BATON_ROLE=worker) in a child process that
 * a test can SIGKILL and start again. Each start gets a fresh metrics port.
 */
export class WorkerProcess {
  private child: ChildProcess | undefined;
  /** Everything every incarnation printed, for failure messages. */
  output = '';
  starts = 0;

  constructor(private readonly options: WorkerProcessOptions) {}

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  async start(): Promise<void> {
    if (this.running) throw new Error('the worker is already running');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        ...process.env,
        BATON_ROLE: 'worker',
        TEMPORAL_ADDRESS: this.options.temporalAddress,
        BATON_TASK_QUEUE: this.options.taskQueue,
        BATON_WORKFLOW_BUNDLE: this.options.workflowBundlePath,
        BATON_DATA_DIR: this.options.dataDir,
        BATON_DATABASE_URL: this.options.databaseUrl,
        BATON_CLAIMS_ENDPOINT: this.options.claimsEndpoint ?? '',
        SMTP_URL: this.options.smtpUrl ?? '',
        BATON_CHAT_WEBHOOK_URL: '',
        BATON_METRICS_PORT: String(await freePort()),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    const incarnation = this.starts;
    const append = (chunk: Buffer) => (this.output += chunk.toString().replace(/^/gm, `[worker ${incarnation}] `));
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker not ready within ${readyTimeoutMs} ms:\n${this.output}`)), readyTimeoutMs);
      const onData = (chunk: Buffer) => {
        if (!chunk.toString().includes('Baton is running')) return;
        clearTimeout(timer);
        resolve();
      };
      child.stdout?.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`worker exited (${code ?? signal}) before it was ready:\n${this.output}`));
      });
    });
  }

  /** SIGKILL: no drain, no goodbye to the server; in-flight tasks and activities are lost. */
  kill(): Promise<void> {
    return this.stopWith('SIGKILL');
  }

  stop(): Promise<void> {
    return this.stopWith('SIGTERM');
  }

  private stopWith(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill(signal);
    });
  }
}
