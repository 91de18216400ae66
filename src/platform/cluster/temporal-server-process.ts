import type { ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { stringify } from 'yaml';
import type { TemporalServerBinaries } from '../temporal-server';
import { RestartableProcess } from './restartable-process';
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
export class TemporalServerProcess extends RestartableProcess {
  constructor(private readonly options: TemporalServerProcessOptions) {
    super(STOP_TIMEOUT_MS, 80);
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

  async start(): Promise<void> {
    if (this.running) throw new Error('the Temporal server is already running');
    const args = ['--root', this.options.dir, '--config', 'config', '--env', CONFIG_ENV, '--allow-no-auth', 'start'];
    const child = this.spawn(this.options.binaries.server, args, {});
    await this.waitUntilServing(child);
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
