import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { stringify } from 'yaml';
import type { TemporalServerBinaries } from '../temporal-server';
import { temporalDynamicConfig, temporalServerConfig, type TemporalDatabase, type TemporalServerPorts } from './temporal-server-config';

const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;
/** The name of the config file (`<root>/config/<env>.yaml`) the server loads. */
const CONFIG_ENV = 'baton';

export interface TemporalServerProcessOptions {
  binaries: TemporalServerBinaries;
  /** Holds the generated config; the state itself lives in PostgreSQL. */
  dir: string;
  ports: TemporalServerPorts;
  db: TemporalDatabase;
}

/**
 * The Temporal server (all four services in one process) as a child process that can be stopped,
 * killed and started again on the same ports: clients reconnect to the same address.
 */
export class TemporalServerProcess {
  private child: ChildProcess | undefined;
  /** The last lines every incarnation printed, for failure messages. */
  private readonly tail: string[] = [];
  starts = 0;

  constructor(private readonly options: TemporalServerProcessOptions) {
    const configDir = join(options.dir, 'config');
    mkdirSync(configDir, { recursive: true });
    const dynamicConfigFile = join(configDir, 'dynamic.yaml');
    writeFileSync(dynamicConfigFile, stringify(temporalDynamicConfig));
    const config = temporalServerConfig({ ports: options.ports, db: options.db, dynamicConfigFile, logLevel: 'warn' });
    writeFileSync(join(configDir, `${CONFIG_ENV}.yaml`), stringify(config));
  }

  get address(): string {
    return `127.0.0.1:${this.options.ports.frontend}`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.running ? this.child?.pid : undefined;
  }

  output(): string {
    return this.tail.join('');
  }

  async start(): Promise<void> {
    if (this.running) throw new Error('the Temporal server is already running');
    const args = ['--root', this.options.dir, '--config', 'config', '--env', CONFIG_ENV, '--allow-no-auth', 'start'];
    const child = spawn(this.options.binaries.server, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.starts += 1;
    const keep = (chunk: Buffer) => {
      this.tail.push(chunk.toString());
      if (this.tail.length > 80) this.tail.shift();
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    await this.waitUntilServing(child);
  }

  /** SIGTERM lets the server leave its ring and flush; SIGKILL is a crash. */
  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
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

  /** Serving = the frontend answers the system-info call, which needs history and matching up. */
  private async waitUntilServing(child: ChildProcess): Promise<void> {
    const giveUpAt = Date.now() + READY_TIMEOUT_MS;
    let lastError: unknown;
    while (Date.now() < giveUpAt) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the Temporal server exited (${child.exitCode ?? child.signalCode}) before serving:\n${this.output()}`);
      }
      try {
        const connection = await Connection.connect({ address: this.address, connectTimeout: 1_000 });
        try {
          await connection.workflowService.getSystemInfo({});
          const { status } = await connection.healthService.check({});
          if (status === 1) return;
          lastError = new Error(`health status ${status}`);
        } finally {
          await connection.close();
        }
      } catch (err) {
        lastError = err;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the Temporal server at ${this.address} was not serving after ${READY_TIMEOUT_MS} ms: ${String(lastError)}\n${this.output()}`);
  }
}
