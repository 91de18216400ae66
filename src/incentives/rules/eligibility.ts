import type { Deal } from '../../domain/schemas/deal';
import type { Partner } from '../../domain/schemas/partner';
import type { Attestation } from '../facts-schema';
import type { Eligibility } from '../program-schema';
import type { IneligibleReason } from '../quote-schema';
import { softwareMinimumShortfall } from './software-minimum';

export type EligibilityResult = { eligible: true } | { eligible: false; code: IneligibleReason; reason: string };

/** Whether the partner and the deal qualify for an incentive at all, before any milestone. */
export function checkEligibility(
  eligibility: Eligibility,
  deal: Deal,
  partner: Partner,
  attestations: Attestation[],
): EligibilityResult {
  if (!eligibility.specializations.includes(partner.specialization)) {
    return {
      eligible: false,
      code: 'specialization',
      reason: `partner specialization "${partner.specialization}" does not qualify (needs ${eligibility.specializations.join(' or ')})`,
    };
  }
  if (eligibility.requiresArchitectureSpecialization && !partner.architectures.includes(deal.architecture)) {
    return {
      eligible: false,
      code: 'architecture-specialization',
      reason: `partner lacks the ${deal.architecture} architecture specialization`,
    };
  }
  const shortfall = softwareMinimumShortfall(eligibility, deal);
  if (shortfall) return { eligible: false, code: 'minimum-software', reason: shortfall };
  const recorded = new Set(attestations.map((a) => a.id));
  const missing = eligibility.requiredAttestations.filter((id) => !recorded.has(id));
  if (missing.length > 0) {
    return { eligible: false, code: 'missing-attestation', reason: `not recorded on the deal: ${missing.join(', ')}` };
  }
  return { eligible: true };
}

