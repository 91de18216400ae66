import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { createRequire } from 'node:module';
import { temporalCliVersion, testServerVersion } from '../src/platform/versions';

const require = createRequire(import.meta.url);

export interface MachineInfo {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  temporalSdk: string;
  temporalCli: string;
  temporalServer: string;
  testServer: string;
}

export function machineInfo(cliPath?: string): MachineInfo {
  let server = 'unknown';
  if (cliPath) {
    const version = execFileSync(cliPath, ['--version'], { encoding: 'utf8' });
    server = /Server ([\d.]+)/.exec(version)?.[1] ?? version.trim();
  }
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    temporalSdk: (require('@temporalio/worker/package.json') as { version: string }).version,
    temporalCli: temporalCliVersion,
    temporalServer: server,
    testServer: testServerVersion,
  };
}

/** Resident set size of a process in MiB, from /proc (Linux). */
export function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN);
  return kib / 1024;
}
