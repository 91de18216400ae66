import type { IsoDate } from '../../src/domain/schemas/common';
import type { DealFacts } from '../../src/incentives/facts-schema';
import { parseMilestoneName } from '../../src/incentives/milestone-ref';
import type { Program } from '../../src/incentives/program-schema';
import { windowMetByOf } from '../../src/incentives/rules/window-met-by';

/**
 * The dates on which the deal's recorded facts could meet a milestone's window: the days Baton
 * received its proof, or for an expansion met by its booking, the order's booking date. A claim's
 * `provenOn`/`earnedOn` must be one of them, whatever dates the proof itself claims.
 */
export function provenDates(program: Program, facts: DealFacts, milestone: string): IsoDate[] {
  const named = parseMilestoneName(program, milestone)!;
  const proof = named.milestone.proof;
  switch (proof.type) {
    case 'success-plan':
      return facts.successPlan?.receivedOn ? [facts.successPlan.receivedOn] : [];
    case 'business-outcomes':
      return [...(facts.earlierOutcomesReports ?? []), ...(facts.businessOutcomes ? [facts.businessOutcomes] : [])].flatMap((r) => (r.confirmation && r.receivedOn ? [r.receivedOn] : []));
    case 'evidence':
      return facts.usage.filter((e) => e.useCase === proof.useCase).flatMap((e) => (e.receivedOn ? [e.receivedOn] : []));
    case 'expansion-booking': {
      const expansion = facts.expansions[named.occurrence! - 1]!;
      return [windowMetByOf(named.milestone) === 'booked' ? expansion.bookedOn : expansion.receivedOn!];
    }
  }
}
