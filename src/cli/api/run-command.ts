import { InputError } from '../input-files';
import { ApiClient, connectionFromEnv } from './api-client';
import { CliFailure, EXIT } from './exit-codes';

export interface OutputOptions {
  json?: boolean;
}

/**
 * Runs one API command: connects from the environment, runs `body`, and turns every failure into
 * one line on stderr and the documented exit code.
 */
export async function runApiCommand(name: string, body: (api: ApiClient) => Promise<void>): Promise<void> {
  try {
    await body(new ApiClient(connectionFromEnv()));
  } catch (err) {
    const failure =
      err instanceof CliFailure
        ? err
        : err instanceof InputError
          ? new CliFailure(err.message, EXIT.badInput)
          : new CliFailure(`unexpected error: ${(err as Error).message}`, EXIT.unavailable);
    process.stderr.write(`baton ${name}: ${failure.message}\n`);
    process.exitCode = failure.exitCode;
  }
}

/** JSON with `--json`, else the human rendering. */
export function output<T>(options: OutputOptions, data: T, render: (data: T) => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(data, null, 2)}\n` : `${render(data)}\n`);
}

/** A progress line for people watching: on stderr, and only on a terminal, so pipes stay clean. */
export function progress(message: string): void {
  if (process.stderr.isTTY) process.stderr.write(`${message}\n`);
}
