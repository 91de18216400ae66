import { spawn, spawnSync } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

export type ProgressLog = (line: string) => void;

/** Whether `command` can be executed (found on PATH and runs `args` successfully). */
export function commandWorks(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 20_000, env });
  return result.status === 0;
}

/** Finds an executable on PATH without a shell. */
export function findOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const result = spawnSync('/bin/sh', ['-c', 'command -v "$1"', 'sh', name], { encoding: 'utf8', env });
  const found = result.stdout.trim();
  return result.status === 0 && found ? found : undefined;
}

/** Runs a long build step, streaming its output lines as progress, and fails with its tail. */
export function runWithProgress(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; log: ProgressLog },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const onData = (chunk: Buffer) => {
      // Strip terminal colour codes: progress goes to logs as plain text.
      for (const line of stripVTControlCharacters(chunk.toString()).split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 20) tail.shift();
        options.log(`  ${line}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${tail.join('\n')}`));
    });
  });
}
