/**
 * A claim that will never be taken as it is: invalid, or refused by the sink with a permanent
 * status. Activities wrap it into `ApplicationFailure.nonRetryable` so Temporal stops retrying.
 */
export class ClaimRejectedError extends Error {
  readonly nonRetryable = true;

  constructor(
    message: string,
    readonly httpStatus?: number,
    readonly response?: unknown,
  ) {
    super(message);
    this.name = 'ClaimRejectedError';
  }
}
