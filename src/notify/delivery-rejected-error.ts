/**
 * A notification no retry will deliver: invalid, or refused by the server with a permanent
 * status. Activities wrap it into `ApplicationFailure.nonRetryable`.
 */
export class DeliveryRejectedError extends Error {
  readonly nonRetryable = true;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeliveryRejectedError';
  }
}
