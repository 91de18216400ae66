/** Exit codes scripts can rely on, for every command that talks to the API. */
export const EXIT = {
  ok: 0,
  /** The API refused: not found, not allowed, not authenticated, or the deal's state forbids it. */
  refused: 1,
  /** Bad usage or input: a missing argument, an unreadable file, a field the API rejected. */
  badInput: 2,
  /** The API is unreachable or failed. */
  unavailable: 3,
} as const;

/** A failure a command reports on stderr and turns into its exit code. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}
