/** The exit codes of every `baton` command, which scripts can rely on. */
export const EXIT = {
  ok: 0,
  /** Refused or not found: the API or the deal said no, or there is no such deal. */
  refused: 1,
  /** Bad usage or input: an unknown command or option, a missing argument, an unreadable file, a field refused (named). */
  badInput: 2,
  /** Unreachable: the API or Temporal cannot be reached, or failed. */
  unavailable: 3,
} as const;

/** The table as help texts print it. */
export const EXIT_CODES_HELP = 'Exit codes: 0 done; 1 refused or not found; 2 bad usage or input (the field is named); 3 the API or Temporal unreachable or failed.';

/** A failure a command reports on stderr and turns into its exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
