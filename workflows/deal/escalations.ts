import { isoDateOfInstant } from '../../src/domain/calendar';
import { dueRungs, isBreached, rungAt, type Deadline } from '../../src/domain/deadlines';
import type { LadderRung, RecipientKind } from '../../src/domain/playbook/schema';
import { escalationRecipients, type RaciSubject } from '../../src/domain/raci';
import { isoInstant } from './clock';
import type { DealContext } from './context';
import { findDeadline, replaceDeadline } from './deadline-book';
import { notify, recipientsOf, record } from './timeline';

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

const recipients = (ctx: DealContext, subject: RaciSubject, to: RecipientKind) => escalationRecipients(ctx.playbook, ctx.memory.team, subject, to);

function fireRung(ctx: DealContext, deadline: Deadline, rung: LadderRung, instant: number): void {
  const found = recipients(ctx, deadline.subject, rung.to);
  const type = rung.action === 'remind' ? 'deadline.reminder' : 'deadline.escalated';
  replaceDeadline(ctx, { ...deadline, firedRungs: [...deadline.firedRungs, rung.id] });
  const dueOn = isoDateOfInstant(deadline.dueAt - 1);
  const dueAt = isoInstant(deadline.dueAt);
  record(ctx, type, { deadlineId: deadline.id, label: deadline.label, rung: rung.id, to: rung.to, recipients: found.people.map((p) => p.id), via: found.via, dueAt }, undefined, instant);
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
  const dueOn = isoDateOfInstant(deadline.dueAt - 1);
  record(ctx, 'deadline.breached', { deadlineId: deadline.id, label: deadline.label, recipients: people.map((p) => p.id), dueAt: isoInstant(deadline.dueAt) }, undefined, deadline.dueAt);
  notify(ctx, {
    idempotencyKey: `${ctx.workflowId}:${deadline.id}:${deadline.dueAt}:breach`,
    kind: 'deadline.breached',
    title: `Missed: ${deadline.label}`,
    body: `${ctx.deal.customer.name} (${ctx.deal.id}): ${deadline.label} was due by the end of ${dueOn} and was missed.`,
    recipients: recipientsOf(ctx, people),
  });
}
