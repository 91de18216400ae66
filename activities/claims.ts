import { ApplicationFailure } from '@temporalio/activity';
import type { ClaimsGateway, ClaimWithdrawal, WithdrawalReceipt } from '../src/claims/gateway';
import { parseDraftClaim } from '../src/claims/submitted-claim';
import type { ClaimsLedger } from '../src/db/claims/claim-ledger';
import type { ClaimInput, SubmissionReceipt } from '../src/incentives/claim-schema';

export interface ClaimsDependencies {
  claims: ClaimsGateway;
  /**
   * Baton's claims ledger. Left out only by `baton simulate`, whose claims are hypothetical and
   * must not be booked.
   */
  ledger?: ClaimsLedger;
}

export interface SubmitClaimInput {
  claim: ClaimInput;
}

export interface SubmitClaimResult {
  claim: ClaimInput;
  receipt: SubmissionReceipt;
}

function retryableOrNot(err: unknown): unknown {
  if (err instanceof Error && (err as { nonRetryable?: boolean }).nonRetryable) return ApplicationFailure.nonRetryable(err.message, err.name);
  return err;
}

/**
 * Exactly once per idempotency key: the claim is first recorded in the ledger (a unique insert;
 * a retry or a racing worker gets the stored row back), then sent through the gateway unless the
 * ledger already holds its receipt. The gateway is idempotent by the same key, so a crash between
 * sending and storing the receipt re-sends at most a duplicate the sink drops.
 */
export function createClaimsActivities({ claims, ledger }: ClaimsDependencies) {
  async function submitClaim({ claim }: SubmitClaimInput): Promise<SubmitClaimResult> {
    try {
      const draft = parseDraftClaim(claim);
      const recorded = ledger ? (await ledger.record(draft)).claim : undefined;
      if (recorded?.sinkReceipt) return { claim, receipt: recorded.sinkReceipt };
      const receipt = await claims.submit(draft);
      if (ledger) {
        const stored = await ledger.markSubmitted(receipt, new Date());
        return { claim, receipt: stored.sinkReceipt ?? receipt };
      }
      return { claim, receipt };
    } catch (err) {
      throw retryableOrNot(err);
    }
  }
  /**
   * Sends the withdrawal through the gateway (idempotent by the claim's key), then records it in
   * the ledger with who and why: the ledger says withdrawn once the sink has been told.
   */
  async function withdrawClaim(withdrawal: ClaimWithdrawal): Promise<WithdrawalReceipt> {
    try {
      const receipt = await claims.withdraw(withdrawal);
      await ledger?.markWithdrawn(withdrawal.idempotencyKey, { at: new Date(withdrawal.withdrawnAt), by: withdrawal.by, why: withdrawal.reason });
      return receipt;
    } catch (err) {
      throw retryableOrNot(err);
    }
  }
  return { submitClaim, withdrawClaim };
}
