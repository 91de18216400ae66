import { ApplicationFailure } from '@temporalio/activity';
import type { ClaimsGateway } from '../src/claims/gateway';
import type { ClaimInput, SubmissionReceipt } from '../src/incentives/claim-schema';

export interface ClaimsDependencies {
  claims: ClaimsGateway;
}

export interface SubmitClaimInput {
  claim: ClaimInput;
}

export interface SubmitClaimResult {
  claim: ClaimInput;
  receipt: SubmissionReceipt;
}

/** Submission is idempotent by the claim's idempotencyKey (the gateway's contract). */
export function createClaimsActivities({ claims }: ClaimsDependencies) {
  async function submitClaim({ claim }: SubmitClaimInput): Promise<SubmitClaimResult> {
    try {
      const receipt = await claims.submit(claim);
      return { claim, receipt };
    } catch (err) {
      if (err instanceof Error && (err as { nonRetryable?: boolean }).nonRetryable) {
        throw ApplicationFailure.nonRetryable(err.message, err.name);
      }
      throw err;
    }
  }
  return { submitClaim };
}
