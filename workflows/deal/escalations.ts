import { isoDateOfInstant } from '../../src/domain/calendar';
import { dueRungs, isBreached, rungAt, type Deadline } from '../../src/domain/deadlines';
import type { LadderRung, RecipientKind } from '../../src/domain/playbook/schema';
import { escalationRecipients, rolesOf, rungRecipients, type RaciSubject, type RungRecipients } from '../../src/domain/raci';
import type { Person } from '../../src/domain/schemas/team';
import type { JsonValue } from '../deal-state';
import { isoInstant } from './clock';
import type { DealContext } from './context';
import { findDeadline, replaceDeadline } from './deadline-book';
import { beforeEntry, calendarNote, notify, recipientsOf, record } from './timeline';

/**
 * Fires every rung and breach due by `at`, in time order. Woken by the timer, `at` is the
 * instant the timer was armed for, so that the decision does not depend on the clock of the
 * activation that delivered it. Each entry is recorded at the instant it was due.
 */
export function fireDueEscalations(ctx: DealContext, at: number): void {
  const due = ctx.memory.deadlines.flatMap((deadline) => [
    ...dueRungs(ctx.ladder, deadline, at).map((rung) => ({ instant: rungAt(rung, deadline), deadlineId: deadline.id, rung })),
    ...(isBreached(deadline, at) ? [{ instant: deadline.dueAt, deadlineId: deadline.id, rung: undefined }] : []),
  ]);
  due.sort((a, b) => a.instant - b.instant);
  for (const { instant, deadlineId, rung } of due) {
    const deadline = findDeadline(ctx, deadlineId)!;
    if (rung) fireRung(ctx, deadline, rung, instant);
    else breach(ctx, deadline);
  }
}

/** Runs with the fallback rule send a rung nobody holds along the ladder's fallback. */
const recipients = (ctx: DealContext, subject: RaciSubject, to: RecipientKind): RungRecipients =>
  ctx.rules.rungFallback ? rungRecipients(ctx.playbook, ctx.memory.team, subject, to) : escalationRecipients(ctx.playbook, ctx.memory.team, subject, to);

/** What the timeline says about a fallback: "no RM on this deal: sent to the AM". */
function fallbackNote(ctx: DealContext, found: RungRecipients): Record<string, JsonValue> {
  if (!found.missingRoles) return {};
  const missing = found.missingRoles.join(' or ') || 'one';
  const reached = [...new Set(found.people.map((p: Person) => rolesOf(ctx.memory.team, p.id)[0] ?? 'LEAD'))].join(' and ');
  const note = found.people.length > 0 ? `no ${missing} on this deal: sent to the ${reached}` : `no ${missing} on this deal and nobody to fall back to: sent to nobody`;
  return { missingRoles: found.missingRoles, ...(found.fellBackTo ? { fellBackTo: found.fellBackTo } : {}), note };
}

function fireRung(ctx: DealContext, deadline: Deadline, rung: LadderRung, instant: number): void {
  replaceDeadline(ctx, { ...deadline, firedRungs: [...deadline.firedRungs, rung.id] });
  // A rung passed before the deal entered Baton is spent silently: a reminder years late helps nobody.
  if (beforeEntry(ctx, instant)) return;
  const found = recipients(ctx, deadline.subject, rung.to);
  const dueOn = isoDateOfInstant(deadline.dueAt - 1);
  const dueAt = isoInstant(deadline.dueAt);
  if (ctx.rules.rungFallback && found.people.length === 0) {
    // A reminder to nobody is never recorded as sent: the timeline says nobody could be reached.
    record(ctx, 'deadline.unattended', { deadlineId: deadline.id, label: deadline.label, rung: rung.id, to: rung.to, dueAt, ...calendarNote(deadline.calendar), ...fallbackNote(ctx, found) }, undefined, instant);
    return;
  }
  const type = rung.action === 'remind' ? 'deadline.reminder' : 'deadline.escalated';
  record(ctx, type, { deadlineId: deadline.id, label: deadline.label, rung: rung.id, to: rung.to, recipients: found.people.map((p) => p.id), via: found.via, dueAt, ...calendarNote(deadline.calendar), ...fallbackNote(ctx, found) }, undefined, instant);
  notify(ctx, {
    idempotencyKey: `${ctx.workflowId}:${deadline.id}:${deadline.dueAt}:${rung.id}`,
    kind: type,
    title: `${rung.action === 'remind' ? 'Reminder' : 'Escalation'}: ${deadline.label} due ${dueOn}`,
    body: `${ctx.deal.customer.name} (${ctx.deal.id}): ${deadline.label} is due by the end of ${dueOn}.`,
    recipients: recipientsOf(ctx, found.people),
  });
}

function breach(ctx: DealContext, deadline: Deadline): void {
  const people = ctx.ladder.breach.to.flatMap((to) => recipients(ctx, deadline.subject, to).people);
  replaceDeadline(ctx, { ...deadline, status: 'breached', closedAt: deadline.dueAt });
  if (beforeEntry(ctx, deadline.dueAt)) {
    // A window closed before the deal entered Baton is recorded once as closed, and not announced.
    record(ctx, 'deadline.breached', { deadlineId: deadline.id, label: deadline.label, dueAt: isoInstant(deadline.dueAt), beforeEntry: true }, undefined, deadline.dueAt);
    return;
  }
  const dueOn = isoDateOfInstant(deadline.dueAt - 1);
  record(ctx, 'deadline.breached', { deadlineId: deadline.id, label: deadline.label, recipients: people.map((p) => p.id), dueAt: isoInstant(deadline.dueAt), ...calendarNote(deadline.calendar) }, undefined, deadline.dueAt);
  notify(ctx, {
    idempotencyKey: `${ctx.workflowId}:${deadline.id}:${deadline.dueAt}:breach`,
    kind: 'deadline.breached',
    title: `Missed: ${deadline.label}`,
    body: `${ctx.deal.customer.name} (${ctx.deal.id}): ${deadline.label} was due by the end of ${dueOn} and was missed.`,
    recipients: recipientsOf(ctx, people),
  });
}
