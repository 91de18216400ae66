import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';

/**
 * A child process that can be stopped, killed and started again, as an orchestrator restarts a
 * container: it keeps the last lines every incarnation printed, for failure messages.
 */
export class RestartableProcess {
  private child: ChildProcess | undefined;
  private readonly tail: string[] = [];
  starts = 0;

  constructor(
    private readonly stopTimeoutMs: number,
    private readonly keptLines: number,
  ) {}

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

  /** Starts a new incarnation; its output is kept with `label` before every line. */
  protected spawn(command: string, args: string[], options: SpawnOptions, label = ''): ChildProcess {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.starts += 1;
    const keep = (chunk: Buffer) => {
      this.tail.push(label ? chunk.toString().replace(/^/gm, label) : chunk.toString());
      if (this.tail.length > this.keptLines) this.tail.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return child;
  }

  /** Sends `signal`, then SIGKILL if the process has not exited in time; resolves on exit. */
  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => child.kill('SIGKILL'), this.stopTimeoutMs);
      child.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      child.kill(signal);
    });
  }
}
