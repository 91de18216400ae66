import { claimIdFor, claimIdempotencyKey, type ClaimInput } from '../../../src/incentives/claim-schema';

/** A valid draft claim: an Adopt success-plan milestone of deal acme-2021-17. */
export function draftClaim(overrides: Partial<ClaimInput> = {}): ClaimInput {
  const parts = {
    partnerId: overrides.partnerId ?? 'northwind',
    dealId: overrides.dealId ?? 'acme-2021-17',
    programId: overrides.program?.id ?? 'vendor-lifecycle',
    programVersion: overrides.program?.version ?? 2021,
    milestone: overrides.milestone ?? 'adopt:success-plan',
  };
  const idempotencyKey = claimIdempotencyKey(parts);
  return {
    idempotencyKey,
    claimId: claimIdFor(idempotencyKey),
    partnerId: parts.partnerId,
    dealId: parts.dealId,
    customerName: 'Acme Corp',
    architecture: 'collaboration',
    incentive: 'adopt',
    milestone: parts.milestone,
    amountUsd: 5000,
    breakdown: [{ label: 'Adopt success plan, tier Small ($50K – $499K)', amountUsd: 5000 }],
    program: { id: parts.programId, version: parts.programVersion },
    deadline: '2021-04-15',
    earnedOn: '2021-03-02',
    fiscalQuarter: 'FY2021 Q3',
    expectedPayoutQuarter: 'FY2021 Q4',
    evidence: [{ kind: 'success-plan', id: 'sp-1', reference: 'docs/acme-success-plan.pdf' }],
    trace: [
      { event: 'deal.booked', eventId: 'h-1', at: '2021-01-15T10:00:00Z' },
      { event: 'successPlan.submitted', eventId: 'h-7', at: '2021-03-02T16:30:00Z' },
    ],
    status: 'draft',
    ...overrides,
  };
}
