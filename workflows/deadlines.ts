import { instantAfterLastDay } from '../src/domain/calendar';
import type { EscalationLadder, LadderRung, Playbook } from '../src/domain/playbook/schema';
import type { UserActionType } from '../src/domain/schemas/actions';
import type { ClaimQuote } from '../src/incentives/quote-schema';
import type { Incentive, Milestone, Program, Proof } from '../src/incentives/program-schema';
import type { Deadline, DeadlineExtension } from './deal-state';

/**
 * Deadlines and their escalation ladder as pure functions of business time (epoch ms). The
 * workflow keeps one timer for the earliest instant any deadline needs attention.
 */

export const MS_PER_DAY = 86_400_000;

/** When a rung fires for this deadline: a fraction of the window, or days before the due instant. */
export function rungAt(rung: LadderRung, deadline: Deadline): number {
  if (rung.atFractionOfWindow !== undefined) {
    return Math.round(deadline.startsAt + rung.atFractionOfWindow * (deadline.dueAt - deadline.startsAt));
  }
  return deadline.dueAt - (rung.daysBefore ?? 0) * MS_PER_DAY;
}

/** Rungs that fall inside the window; a window shorter than a rung's lead skips that rung. */
function applicableRungs(ladder: EscalationLadder, deadline: Deadline): LadderRung[] {
  return ladder.rungs.filter((rung) => rungAt(rung, deadline) > deadline.startsAt);
}

const running = (deadline: Deadline): boolean => deadline.status === 'open' && deadline.paused === undefined;

/** The rungs of an open deadline due by `now` and not fired yet, in firing order. */
export function dueRungs(ladder: EscalationLadder, deadline: Deadline, now: number): LadderRung[] {
  if (!running(deadline)) return [];
  return applicableRungs(ladder, deadline)
    .filter((rung) => !deadline.firedRungs.includes(rung.id) && rungAt(rung, deadline) <= now)
    .sort((a, b) => rungAt(a, deadline) - rungAt(b, deadline));
}

export function isBreached(deadline: Deadline, now: number): boolean {
  return running(deadline) && deadline.dueAt <= now;
}

/** The earliest instant a running deadline has a rung or its breach to fire; undefined when none. */
export function nextAttentionAt(ladder: EscalationLadder, deadlines: readonly Deadline[]): number | undefined {
  const instants = deadlines.filter(running).flatMap((deadline) => [
    deadline.dueAt,
    ...applicableRungs(ladder, deadline)
      .filter((rung) => !deadline.firedRungs.includes(rung.id))
      .map((rung) => rungAt(rung, deadline)),
  ]);
  return instants.length > 0 ? Math.min(...instants) : undefined;
}

/** The next due instant among running deadlines: the `BatonNextDeadline` search attribute. */
export function nextDueAt(deadlines: readonly Deadline[]): number | undefined {
  const dues = deadlines.filter(running).map((d) => d.dueAt);
  return dues.length > 0 ? Math.min(...dues) : undefined;
}

/**
 * The ladder follows a moved due instant: rungs now ahead fire (again) at their new instants,
 * rungs now behind are not fired late.
 */
function rearm(ladder: EscalationLadder, deadline: Deadline, now: number): string[] {
  return ladder.rungs.filter((rung) => rungAt(rung, deadline) <= now).map((rung) => rung.id);
}

export function extendDeadline(ladder: EscalationLadder, deadline: Deadline, dueAt: number, extension: DeadlineExtension, now: number): Deadline {
  const moved = { ...deadline, dueAt, extensions: [...deadline.extensions, extension] };
  return { ...moved, firedRungs: rearm(ladder, moved, now) };
}

export function pauseDeadline(deadline: Deadline, paused: NonNullable<Deadline['paused']>): Deadline {
  return { ...deadline, paused };
}

const MS_PER_MINUTE = 60_000;

/**
 * Resuming moves the due instant by the time spent paused, to the minute: deadlines fall on
 * calendar boundaries, and the moments the pause and resume were processed differ by noise.
 */
export function resumeDeadline(ladder: EscalationLadder, deadline: Deadline, now: number): Deadline {
  const pausedFor = deadline.paused ? Math.round((now - deadline.paused.at) / MS_PER_MINUTE) * MS_PER_MINUTE : 0;
  const moved: Deadline = { ...deadline, paused: undefined, dueAt: deadline.dueAt + pausedFor };
  return { ...moved, firedRungs: rearm(ladder, moved, now) };
}

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
    const found = milestoneOf(program, quote.milestone);
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

/**
 * The program milestone a quote is for: quotes are named `kind:id`, plus `-<n>` for milestones
 * that claim once per occurrence (expansion bookings).
 */
export function milestoneOf(program: Program, quoted: string): { incentive: Incentive; milestone: Milestone; ref: string } | undefined {
  for (const incentive of program.incentives) {
    for (const milestone of incentive.milestones) {
      const ref = `${incentive.kind}:${milestone.id}`;
      const perOccurrence = milestone.proof.type === 'expansion-booking' && /^-\d+$/.test(quoted.slice(ref.length));
      if (quoted === ref || (quoted.startsWith(ref) && perOccurrence)) return { incentive, milestone, ref };
    }
  }
  return undefined;
}
