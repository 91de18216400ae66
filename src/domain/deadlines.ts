import { businessDaysBefore, onBusinessDay, type BusinessCalendar } from './business-days';
import { instantAfterLastDay, isoDateOfInstant, MS_PER_DAY } from './calendar';
import type { EscalationLadder, LadderRung } from './playbook/schema';
import type { RaciSubject } from './raci';

/**
 * Deadlines and their escalation ladder as pure functions of business time (epoch ms): when each
 * rung fires, what is due now, how extend, pause and resume move a deadline, and why one of those
 * is refused. The deal workflow keeps one timer for the earliest instant any deadline needs.
 */

export { MS_PER_DAY };
const MS_PER_MINUTE = 60_000;

export type DeadlineKind = 'incentive' | 'handoff-sla' | 'renewal';
export type DeadlineStatus = 'open' | 'met' | 'breached' | 'cancelled';

export interface DeadlineExtension {
  by: string;
  reason: string;
  at: string;
  fromDueAt: string;
  toDueAt: string;
}

/** A window with the playbook's escalation ladder. Instants are epoch ms of business time. */
export interface Deadline {
  id: string;
  kind: DeadlineKind;
  label: string;
  /** Whose R and A receive the ladder's rungs. */
  subject: RaciSubject;
  startsAt: number;
  dueAt: number;
  status: DeadlineStatus;
  /** Ids of the rungs already fired, so each fires once per due date. */
  firedRungs: string[];
  paused?: { at: number; by: string; reason: string };
  extensions: DeadlineExtension[];
  /** Incentive milestones (`kind:id`) whose proof meets the deadline. */
  milestones?: string[];
  handoff?: { templateId: string; instance: number };
  closedAt?: number;
  /** Set when the deadline is counted in business days: its rungs count on the same calendar. */
  calendar?: BusinessCalendar;
}

/**
 * When a rung fires for this deadline: a fraction of the window (rounded to the millisecond), or
 * whole days before the due instant. On a deadline counted in business days the rung lands on a
 * business day of its calendar: `daysBefore` counts business days back to the start of one, and a
 * fraction that falls on a weekend or holiday fires when the next business day starts.
 */
export function rungAt(rung: LadderRung, deadline: Pick<Deadline, 'startsAt' | 'dueAt' | 'calendar'>): number {
  const { calendar } = deadline;
  if (rung.atFractionOfWindow !== undefined) {
    const at = Math.round(deadline.startsAt + rung.atFractionOfWindow * (deadline.dueAt - deadline.startsAt));
    return calendar ? onBusinessDay(calendar, at) : at;
  }
  const daysBefore = rung.daysBefore ?? 0;
  return calendar ? businessDaysBefore(calendar, deadline.dueAt, daysBefore) : deadline.dueAt - daysBefore * MS_PER_DAY;
}

/**
 * Rungs that fall inside the window, strictly after it starts: a 10-day window has no "14 days
 * before" reminder, and a rung at the very instant the window opens would say nothing new.
 */
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

/** One step of a deadline's ladder as people see it: when, to whom, and whether it has fired. */
export interface LadderStep {
  id: string;
  action: LadderRung['action'] | 'breach';
  at: number;
  fired: boolean;
  /**
   * Due before the deal entered Baton (a deal booked in the past): a rung then was spent without
   * being sent, so it is not `fired`; a breach then was recorded once, marked so on the timeline.
   */
  beforeEntry?: true;
}

/**
 * The deadline's ladder in firing order, ending with its breach: what has fired and what is next.
 * `enteredAt` is when a deal booked in the past entered Baton (the deal's memory), if it did.
 */
export function ladderOf(ladder: EscalationLadder, deadline: Deadline, enteredAt?: number): LadderStep[] {
  const beforeEntry = (at: number): boolean => enteredAt !== undefined && at < enteredAt;
  const rungs = applicableRungs(ladder, deadline)
    .map((rung): LadderStep => {
      const at = rungAt(rung, deadline);
      const spent = deadline.firedRungs.includes(rung.id);
      return spent && beforeEntry(at) ? { id: rung.id, action: rung.action, at, fired: false, beforeEntry: true } : { id: rung.id, action: rung.action, at, fired: spent };
    })
    .sort((a, b) => a.at - b.at);
  const breached = deadline.status === 'breached';
  const breach: LadderStep = { id: 'breach', action: 'breach', at: deadline.dueAt, fired: breached, ...(breached && beforeEntry(deadline.dueAt) ? { beforeEntry: true as const } : {}) };
  return [...rungs, breach];
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

/**
 * Resuming moves the due instant by the time spent paused, to the minute: deadlines fall on
 * calendar boundaries, and the moments the pause and resume were processed differ by noise.
 */
export function resumeDeadline(ladder: EscalationLadder, deadline: Deadline, now: number): Deadline {
  const pausedFor = deadline.paused ? Math.round((now - deadline.paused.at) / MS_PER_MINUTE) * MS_PER_MINUTE : 0;
  const moved: Deadline = { ...deadline, paused: undefined, dueAt: deadline.dueAt + pausedFor };
  return { ...moved, firedRungs: rearm(ladder, moved, now) };
}

/** A request to move a deadline, as the user actions carry it. */
export type DeadlineChange =
  | { type: 'deadline.extend'; deadlineId: string; until?: string }
  | { type: 'deadline.pause'; deadlineId: string }
  | { type: 'deadline.resume'; deadlineId: string };

/** Why the deal's deadlines forbid this extend, pause or resume; undefined when they allow it. */
export function deadlineChangeRefusal(deadlines: readonly Deadline[], change: DeadlineChange): string | undefined {
  const deadline = deadlines.find((d) => d.id === change.deadlineId);
  if (!deadline) return `there is no deadline "${change.deadlineId}" on this deal (deadlines: ${deadlines.map((d) => d.id).join(', ') || 'none'})`;
  if (deadline.status !== 'open') return `the deadline ${deadline.id} is ${deadline.status}`;
  if (change.type === 'deadline.pause' && deadline.paused) return `the deadline ${deadline.id} is already paused`;
  if (change.type === 'deadline.resume' && !deadline.paused) return `the deadline ${deadline.id} is not paused`;
  if (change.type === 'deadline.extend') {
    if (deadline.paused) return `the deadline ${deadline.id} is paused: resume it before extending it`;
    if (change.until !== undefined && instantAfterLastDay(change.until) <= deadline.dueAt) {
      return `${change.until} does not extend the deadline ${deadline.id}: it is already due by the end of ${isoDateOfInstant(deadline.dueAt - 1)}`;
    }
  }
  return undefined;
}
