import type { ClaimInput, SubmissionReceipt } from '../incentives/claim-schema';

/**
 * Where claims go. `submit` takes a draft claim and is idempotent by its idempotencyKey: a
 * Temporal retry after a crash never creates a second claim at the sink and gets the original
 * receipt back. Throws ClaimRejectedError (`nonRetryable`) when retrying cannot help, any other
 * error when it can.
 */
export interface ClaimsGateway {
  submit(claim: ClaimInput): Promise<SubmissionReceipt>;
}
