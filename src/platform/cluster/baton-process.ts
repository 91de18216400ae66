import { fileURLToPath } from 'node:url';
import { RestartableProcess } from './restartable-process';

const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

export interface BatonProcessOptions {
  role: 'worker' | 'api';
  /** The environment docker-compose gives the service (`x-baton-env` plus the service's own). */
  env: Record<string, string>;
  /** Asked anew at each start: a fresh metrics port per incarnation, like a new container. */
  ports: () => Promise<{ metrics: number }>;
  name: string;
}

/**
 * One Baton service of the production topology (`src/main.ts` with BATON_ROLE=worker or api) in a
 * child process that can be SIGKILLed and started again, as an orchestrator restarts a container.
 */
export class BatonProcess extends RestartableProcess {
  constructor(readonly options: BatonProcessOptions) {
    super(STOP_TIMEOUT_MS, 200);
  }

  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.options.name} is already running`);
    const { metrics } = await this.options.ports();
    const env = { ...process.env, ...this.options.env, BATON_ROLE: this.options.role, BATON_METRICS_PORT: String(metrics) };
    const child = this.spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: repoRoot, env }, `[${this.options.name} #${this.starts + 1}] `);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.options.name} not ready within ${READY_TIMEOUT_MS} ms:\n${this.output()}`)), READY_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        if (!chunk.toString().includes('Baton is running')) return;
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve();
      };
      child.stdout?.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${this.options.name} exited (${code ?? signal}) before it was ready:\n${this.output()}`));
      });
    });
  }

  /** SIGKILL: no drain, no goodbye to the server; in-flight tasks, activities and requests are lost. */
  kill(): Promise<void> {
    return this.stop('SIGKILL');
  }
}
