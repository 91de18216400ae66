import type { LedgerClaim } from '../db/claims/claim-queries';
import type { Claim, SubmissionReceipt } from '../incentives/claim-schema';
import type { ClaimItem } from './schemas/claims';

/** A claim as the API lists it: what was claimed, its status and how the sink received it. */
export function presentClaim(claim: Claim, receipt: SubmissionReceipt | undefined = claim.sinkReceipt): ClaimItem {
  return {
    claimId: claim.claimId,
    dealId: claim.dealId,
    milestone: claim.milestone,
    incentive: claim.incentive,
    amountUsd: claim.amountUsd,
    status: claim.status,
    deadline: claim.deadline,
    earnedOn: claim.earnedOn,
    fiscalQuarter: claim.fiscalQuarter,
    expectedPayoutQuarter: claim.expectedPayoutQuarter,
    ...(claim.submittedAt ? { submittedAt: claim.submittedAt } : {}),
    ...(receipt ? { receipt: { sink: receipt.sink, reference: receipt.reference, receivedAt: receipt.receivedAt } } : {}),
    statusHistory: claim.statusHistory.map((s) => ({ status: s.status, at: s.at, ...(s.note ? { note: s.note } : {}) })),
  };
}

/** A claim from the ledger, with the vendor's money decisions beside it. */
export function presentLedgerClaim({ claim, amountApprovedUsd, paidAmountUsd, paidOn }: LedgerClaim): ClaimItem {
  return {
    ...presentClaim(claim),
    ...(amountApprovedUsd !== null ? { amountApprovedUsd } : {}),
    ...(paidAmountUsd !== null ? { paidAmountUsd } : {}),
    ...(paidOn !== null ? { paidOn } : {}),
  };
}
