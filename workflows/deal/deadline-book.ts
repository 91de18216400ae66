import type { Deadline } from '../../src/domain/deadlines';
import type { JsonValue } from '../deal-state';
import { isoInstant } from './clock';
import type { DealContext } from './context';
import { record } from './timeline';

/** The deal's deadlines as a small book: look one up, replace it, close it as met. */

export function findDeadline(ctx: DealContext, id: string): Deadline | undefined {
  return ctx.memory.deadlines.find((d) => d.id === id);
}

export function replaceDeadline(ctx: DealContext, next: Deadline): void {
  ctx.memory.deadlines = ctx.memory.deadlines.map((d) => (d.id === next.id ? next : d));
}

export function closeDeadline(ctx: DealContext, id: string, detail: Record<string, JsonValue | undefined>): void {
  const deadline = findDeadline(ctx, id);
  if (!deadline || deadline.status !== 'open') return;
  replaceDeadline(ctx, { ...deadline, status: 'met', paused: undefined, closedAt: ctx.clock.now() });
  record(ctx, 'deadline.met', { deadlineId: id, label: deadline.label, dueAt: isoInstant(deadline.dueAt), ...detail });
}

/** Whether the renewal deadline belongs to this step (completing the step meets it). */
export function renewalOwnedBy(ctx: DealContext, step: string): boolean {
  const subject = findDeadline(ctx, 'renewal')?.subject;
  return subject !== undefined && 'step' in subject && subject.step === step;
}
