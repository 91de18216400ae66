import { instantAfterLastDay } from '../domain/calendar';
import type { Deadline } from '../domain/deadlines';
import type { Playbook } from '../domain/playbook/schema';
import type { UserActionType } from '../domain/schemas/actions';
import { parseMilestoneName } from './milestone-ref';
import type { Program, Proof } from './program-schema';
import type { ClaimQuote } from './quote-schema';

/** The user action that proves a milestone of this kind: its step's R and A own the deadline. */
const PROVING_ACTION: Record<Proof['type'], UserActionType> = {
  evidence: 'usage.record',
  'success-plan': 'successPlan.submit',
  'business-outcomes': 'outcomes.record',
  'expansion-booking': 'expansion.book',
};

/**
 * One deadline per incentive window still open at booking: milestones sharing their incentive's
 * window share a deadline (`use`), a milestone with a window of its own gets its own
 * (`adopt-success-plan`). Quotes ineligible for a reason other than missing proof open nothing.
 */
export function incentiveDeadlines(program: Program, playbook: Playbook, quotes: readonly ClaimQuote[], bookingAt: number): Deadline[] {
  const deadlines = new Map<string, Deadline>();
  for (const quote of quotes) {
    if (quote.reasonCode !== 'not-yet-evidenced' || quote.deadline === undefined) continue;
    const found = parseMilestoneName(program, quote.milestone);
    if (!found) continue;
    const { incentive, milestone, ref } = found;
    const id = milestone.window ? `${incentive.kind}-${milestone.id}` : incentive.kind;
    const existing = deadlines.get(id);
    if (existing) {
      if (!existing.milestones?.includes(ref)) existing.milestones = [...(existing.milestones ?? []), ref];
      continue;
    }
    deadlines.set(id, {
      id,
      kind: 'incentive',
      label: milestone.window ? `${incentive.name}: ${milestone.label}` : `${incentive.name} window`,
      subject: { step: playbook.actionSteps[PROVING_ACTION[milestone.proof.type] as keyof Playbook['actionSteps']] },
      startsAt: bookingAt,
      dueAt: instantAfterLastDay(quote.deadline),
      status: 'open',
      firedRungs: [],
      extensions: [],
      milestones: [ref],
    });
  }
  return [...deadlines.values()];
}
