import { TokensFileError } from '../auth/tokens-file';
import { ConfigError } from '../config/env';
import { DatabaseUnreachableError } from '../db/connect';
import { PlaybookFileError } from '../config/playbook-files';
import { ProgramFileError } from '../config/program-files';
import { ActionRefusedError, DealNotFoundError, InvalidInputError } from '../temporal/deal-client';
import { ApiClient, connectionFromEnv } from './api/api-client';
import { CliFailure, EXIT } from './exit-codes';
import { InputError } from './input-files';

/** Failures that mean the input was wrong: the message names the option, file or field. */
const BAD_INPUT = [InputError, InvalidInputError, ProgramFileError, PlaybookFileError, ConfigError, TokensFileError];
/** Failures that mean the deal said no, or is not there. */
const REFUSED = [ActionRefusedError, DealNotFoundError];
/** Failures that mean a service Baton needs is not there; their message says which. */
const UNREACHABLE = [DatabaseUnreachableError];

function failureOf(err: unknown): CliFailure {
  if (err instanceof CliFailure) return err;
  if (BAD_INPUT.some((type) => err instanceof type)) return new CliFailure((err as Error).message, EXIT.badInput);
  if (REFUSED.some((type) => err instanceof type)) return new CliFailure((err as Error).message, EXIT.refused);
  if (UNREACHABLE.some((type) => err instanceof type)) return new CliFailure((err as Error).message, EXIT.unavailable);
  return new CliFailure(`unexpected error: ${err instanceof Error ? err.message : String(err)}`, EXIT.unavailable);
}

/**
 * The one runner of every `baton` command (`name` is the command, empty for the command line
 * itself): runs its body and turns any failure into one `baton <command>: <message>` on stderr and the exit code of the table in exit-codes.ts.
 */
export async function runCommand(name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    const failure = failureOf(err);
    process.stderr.write(`${['baton', name].filter(Boolean).join(' ')}: ${failure.message}\n`);
    process.exitCode = failure.exitCode;
  }
}

/** A command that talks to the Baton API at BATON_API_URL as BATON_TOKEN. */
export function runApiCommand(name: string, body: (api: ApiClient) => Promise<void>): Promise<void> {
  return runCommand(name, () => body(new ApiClient(connectionFromEnv())));
}
