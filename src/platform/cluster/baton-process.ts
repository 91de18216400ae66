import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

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
export class BatonProcess {
  private child: ChildProcess | undefined;
  private readonly tail: string[] = [];
  starts = 0;

  constructor(readonly options: BatonProcessOptions) {}

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  /** The last lines every incarnation printed, for failure messages. */
  output(): string {
    return this.tail.join('');
  }

  async start(): Promise<void> {
    if (this.running) throw new Error(`${this.options.name} is already running`);
    const { metrics } = await this.options.ports();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, ...this.options.env, BATON_ROLE: this.options.role, BATON_METRICS_PORT: String(metrics) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    const label = `[${this.options.name} #${this.starts}] `;
    const keep = (chunk: Buffer) => {
      this.tail.push(chunk.toString().replace(/^/gm, label));
      if (this.tail.length > 200) this.tail.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
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
    return this.stopWith('SIGKILL');
  }

  stop(): Promise<void> {
    return this.stopWith('SIGTERM');
  }

  private stopWith(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill(signal);
    });
  }
}
