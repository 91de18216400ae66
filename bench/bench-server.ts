import { join } from 'node:path';
import { startDevServer, type RunningDevServer } from '../src/platform/dev-server';
import type { TemporalCliSource } from '../src/platform/temporal-cli';
import { freePort } from './free-port';

export const benchNamespace = 'default';

/** A dev server started by Baton's launcher: headless, on a free port, its data under `dir`. */
export async function startBenchServer(cli: TemporalCliSource, dir: string): Promise<RunningDevServer> {
  return startDevServer({ cli, dataDir: join(dir, 'temporal'), host: '127.0.0.1', port: await freePort(), namespace: benchNamespace, log: () => {} });
}
