import { formatZodError } from '../domain/schemas/errors';
import { Claim, transitionClaimStatus, type ClaimInput } from '../incentives/claim-schema';
import { ClaimRejectedError } from './claim-rejected-error';

/** The boundary check of every gateway: a valid claim, still a draft. */
export function parseDraftClaim(input: ClaimInput): Claim {
  const result = Claim.safeParse(input);
  if (!result.success) throw new ClaimRejectedError(`the claim is invalid:\n${formatZodError(result.error)}`);
  const transition = transitionClaimStatus(result.data.status, 'submitted');
  if (!transition.ok) throw new ClaimRejectedError(`claim ${result.data.claimId} cannot be submitted: ${transition.reason}`);
  return result.data;
}

/** The document as the sink receives it: submitted, stamped, without a receipt yet. */
export function asSubmitted(draft: Claim, submittedAt: string): Claim {
  return {
    ...draft,
    status: 'submitted',
    submittedAt,
    statusHistory: [...draft.statusHistory, { status: 'submitted', at: submittedAt }],
  };
}
