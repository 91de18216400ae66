import type { NotificationRequest } from '../../activities/notify';
import type { BusinessCalendar } from '../../src/domain/business-days';
import { rolesOf } from '../../src/domain/raci';
import type { Role } from '../../src/domain/schemas/common';
import type { Person } from '../../src/domain/schemas/team';
import type { JsonValue, TimelineEntry, TimelineType } from '../deal-state';
import { isoInstant } from './clock';
import type { DealContext, Work } from './context';

/** Adds a line to the business timeline; `at` defaults to now, timer-driven lines carry their due instant. */
export function record(ctx: DealContext, type: TimelineType, fields: Record<string, JsonValue | undefined> = {}, actor?: string, at: number = ctx.clock.now()): TimelineEntry {
  const { timeline } = ctx.memory;
  const entry: TimelineEntry = { id: `t${timeline.length + 1}`, at: isoInstant(at), type, ...(actor ? { actor } : {}), ...fields };
  timeline.push(entry);
  return entry;
}

/** The people a notification goes to, each with the role they hold on this deal. */
export function recipientsOf(ctx: DealContext, people: Person[]): NotificationRequest['recipients'] {
  return people.map((p) => ({ personId: p.id, name: p.name, role: (rolesOf(ctx.memory.team, p.id)[0] ?? 'LEAD') as Role }));
}

/** Whether something due at `instant` fell before the deal entered Baton, and so goes unannounced. */
export function beforeEntry(ctx: DealContext, instant: number): boolean {
  return ctx.memory.enteredAt !== undefined && instant < ctx.memory.enteredAt;
}

/**
 * Queues a notification; everything one wake-up has to say goes out as one batch. What happened
 * before the deal entered Baton (its business clock is then set to that moment) is not announced.
 */
export function notify(ctx: DealContext, request: Omit<NotificationRequest, 'dealId' | 'partnerId'>): void {
  if (request.recipients.length === 0 || beforeEntry(ctx, ctx.clock.now())) return;
  const full = { ...request, dealId: ctx.deal.id, partnerId: ctx.deal.partnerId };
  const batch = ctx.work.find((w): w is Extract<Work, { kind: 'notify' }> => w.kind === 'notify');
  if (batch) batch.requests.push(full);
  else ctx.work.push({ kind: 'notify', requests: [full] });
}

/** Which calendar a deadline counted business days on, for the timeline; nothing for calendar days. */
export function calendarNote(calendar: BusinessCalendar | undefined): Record<string, JsonValue> {
  return calendar ? { calendar: calendar.id, calendarName: calendar.name } : {};
}
