import type { ClaimInput, SubmissionReceipt } from '../incentives/claim-schema';

/** The partner takes back a claim it submitted: which one, why, who and when. */
export interface ClaimWithdrawal {
  claimId: string;
  idempotencyKey: string;
  reason: string;
  by: string;
  /** ISO instant. */
  withdrawnAt: string;
}

/** What the sink answered when it took the withdrawal. */
export interface WithdrawalReceipt {
  sink: 'outbox' | 'http';
  receivedAt: string;
  reference: string;
}

/**
 * Where claims go. `submit` takes a draft claim and is idempotent by its idempotencyKey: a
 * Temporal retry after a crash never creates a second claim at the sink and gets the original
 * receipt back. Throws ClaimRejectedError (`nonRetryable`) when retrying cannot help, any other
 * error when it can.
 */
export interface ClaimsGateway {
  submit(claim: ClaimInput): Promise<SubmissionReceipt>;
  /**
   * Tells the sink the claim is withdrawn; idempotent by the claim's key, so a retry sends the
   * same withdrawal. Throws ClaimRejectedError when the sink refuses it for good.
   */
  withdraw(withdrawal: ClaimWithdrawal): Promise<WithdrawalReceipt>;
}
