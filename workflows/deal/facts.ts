import type { DealFacts } from '../../src/incentives/facts-schema';
import { recordFact } from '../../src/incentives/facts/record-fact';
import type { NewFact, RecordOutcome } from '../../src/incentives/facts/new-fact';
import type { DealContext, DealUserAction } from './context';

/**
 * The facts that can earn money, judged under their identities before the lifecycle sees them:
 * the same fact again is a no-op that says so, a different one under the same identity or with a
 * claimed date outside booking..today is refused. The day received is the deal's own today.
 */

/** The fact an action brings, with its identity; undefined for actions that bring none. */
export function factOf(ctx: DealContext, action: DealUserAction): NewFact | undefined {
  switch (action.type) {
    case 'successPlan.submit':
      return { kind: 'success-plan', version: 1 };
    case 'successPlan.revise':
      return { kind: 'success-plan', version: ctx.memory.lifecycle.context.successPlanVersion + 1 };
    case 'outcomes.record':
      return { kind: 'business-outcomes', reportId: action.reportId, confirmation: action.report.confirmation };
    case 'usage.record':
      return { kind: 'usage', evidence: action.evidence };
    case 'expansion.book':
      return { kind: 'expansion', orderRef: action.orderRef, bookedOn: action.bookedOn, lineItems: action.lineItems };
    case 'attestation.record':
      return { kind: 'attestation', id: action.attestation, by: action.actor, evidence: action.evidence };
    default:
      return undefined;
  }
}

/** How the fact of this action would be recorded now; undefined when it brings none. */
export function judgeFact(ctx: DealContext, action: DealUserAction): RecordOutcome | undefined {
  const fact = factOf(ctx, action);
  return fact && recordFact(ctx.memory.facts, fact, { bookedOn: ctx.deal.bookedOn, today: ctx.clock.today() });
}

/** The deal's facts once this action's fact is recorded; undefined when it brings none. */
export function factsAfter(ctx: DealContext, action: DealUserAction): DealFacts | undefined {
  const judged = judgeFact(ctx, action);
  return judged?.outcome === 'recorded' ? judged.facts : undefined;
}
