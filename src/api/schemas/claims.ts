import { z } from 'zod';
import { strictObject } from '../../domain/schemas/strict';

export const ClaimItem = z
  .object({
    claimId: z.string(),
    dealId: z.string(),
    milestone: z.string().describe('<incentive>:<milestone>'),
    incentive: z.string(),
    amountUsd: z.number(),
    status: z.string().describe('draft, submitted, accepted, rejected, paid or withdrawn'),
    deadline: z.string().describe('last day of the milestone window'),
    earnedOn: z.string(),
    fiscalQuarter: z.string(),
    expectedPayoutQuarter: z.string(),
    submittedAt: z.string().optional(),
    receipt: z.object({ sink: z.string(), reference: z.string(), receivedAt: z.string() }).optional(),
    statusHistory: z.array(z.object({ status: z.string(), at: z.string(), note: z.string().optional() })),
    amountApprovedUsd: z.number().optional().describe('what the vendor approved, once accepted'),
    paidAmountUsd: z.number().optional().describe('what the vendor paid, once paid'),
    paidOn: z.string().optional().describe('the payment date, once paid'),
  })
  .meta({ id: 'Claim' });
export type ClaimItem = z.infer<typeof ClaimItem>;

export const IneligibleClaimItem = z
  .object({ milestone: z.string(), reasonCode: z.string(), reason: z.string(), at: z.string() })
  .meta({ id: 'IneligibleClaim' });

export const ClaimParams = strictObject({ claimId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a claim id such as clm-1a2b3c4d5e6f7a8b').max(100, 'must be at most 100 characters') });

export const ClaimList = z.object({ claims: z.array(ClaimItem) }).meta({ id: 'ClaimList' });
