import type { EscalationLadder, Playbook, RecipientKind } from './playbook/schema';
import type { Person, Team } from './schemas/team';
import { escalationRecipients, type RaciSubject, type Recipients } from './raci';

/**
 * When each rung of an escalation ladder fires for one deadline. Pure: instants are epoch
 * milliseconds given by the caller (the workflow's deadline timer start and deadline).
 */

const MS_PER_DAY = 86_400_000;

export interface ScheduledRung {
  id: string;
  action: 'remind' | 'escalate' | 'breach';
  to: RecipientKind[];
  atMs: number;
}

/**
 * The rungs in firing order, then the breach at the deadline. Rungs that would fire before the
 * window starts (a 10-day window has no "14 days before" reminder) are dropped; rungs at the
 * same instant keep the ladder's order.
 */
export function ladderSchedule(ladder: EscalationLadder, windowStartMs: number, deadlineMs: number): ScheduledRung[] {
  const windowMs = deadlineMs - windowStartMs;
  const rungs = ladder.rungs
    .map((rung): ScheduledRung => ({
      id: rung.id,
      action: rung.action,
      to: [rung.to],
      atMs: rung.daysBefore !== undefined ? deadlineMs - rung.daysBefore * MS_PER_DAY : windowStartMs + Math.floor((rung.atFractionOfWindow ?? 0) * windowMs),
    }))
    .filter((rung) => rung.atMs >= windowStartMs && rung.atMs < deadlineMs)
    .sort((a, b) => a.atMs - b.atMs);
  return [...rungs, { id: 'breach', action: 'breach', to: [...ladder.breach.to], atMs: deadlineMs }];
}

export interface ResolvedRung extends ScheduledRung {
  recipients: Person[];
  /** How the recipients were found per kind (a LEAD rung may fall back; see escalationRecipients). */
  via: Partial<Record<RecipientKind, Recipients['via']>>;
}

/** The schedule with the people each rung goes to, for a step's or handoff's deadline. */
export function escalationPlan(playbook: Playbook, team: Team, subject: RaciSubject, windowStartMs: number, deadlineMs: number): ResolvedRung[] {
  return ladderSchedule(playbook.escalation, windowStartMs, deadlineMs).map((rung) => {
    const recipients: Person[] = [];
    const via: ResolvedRung['via'] = {};
    for (const kind of rung.to) {
      const found = escalationRecipients(playbook, team, subject, kind);
      via[kind] = found.via;
      for (const person of found.people) if (!recipients.some((p) => p.id === person.id)) recipients.push(person);
    }
    return { ...rung, recipients, via };
  });
}
