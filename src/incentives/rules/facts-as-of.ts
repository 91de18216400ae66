import type { IsoDate } from '../../domain/schemas/common';
import type { DealFacts } from '../facts-schema';

/**
 * The facts as they stood at the end of `asOf`: anything dated later had not happened yet, so a
 * quote for a past day is reproducible. Without `asOf` every recorded fact counts.
 */
export function factsKnownBy(facts: DealFacts, asOf: IsoDate | undefined): DealFacts {
  if (asOf === undefined) return facts;
  const known = (date: IsoDate) => date <= asOf;
  const outcomes = facts.businessOutcomes;
  const confirmation = outcomes?.confirmation;
  const confirmedOn = confirmation && (confirmation.kind === 'signature' ? confirmation.signedOn : confirmation.receivedOn);
  return {
    successPlan: facts.successPlan && known(facts.successPlan.submittedOn) ? facts.successPlan : undefined,
    businessOutcomes:
      outcomes && known(outcomes.reportedOn)
        ? { ...outcomes, confirmation: confirmedOn !== undefined && known(confirmedOn) ? confirmation : undefined }
        : undefined,
    usage: facts.usage.filter((e) => known(e.observedOn)),
    expansions: facts.expansions.filter((e) => known(e.bookedOn)),
    attestations: facts.attestations.filter((a) => known(a.recordedOn)),
  };
}
