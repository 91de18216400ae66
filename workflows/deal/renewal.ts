import { instantAfterLastDay } from '../../src/domain/calendar';
import { MS_PER_DAY } from '../../src/domain/deadlines';
import { renewalDueOn } from '../../src/domain/lifecycle';
import { renewalDate } from '../../src/domain/renewal-date';
import type { DealContext } from './context';
import { findDeadline } from './deadline-book';
import { applySystemEvent } from './effects';
import { record } from './timeline';

/** The renewal: prompted ahead of the renewal date by the playbook's lead time, then a deadline. */

/** The start of the day the renewal is prompted; undefined when the playbook sets no lead time. */
export function renewalPromptAt(ctx: DealContext): number | undefined {
  const due = renewalDueOn(ctx.playbook, renewalDate(ctx.deal));
  return due === undefined ? undefined : instantAfterLastDay(due) - MS_PER_DAY;
}

/** When its day has come (by `at`), prompts the renewal once: opens its deadline and tells the lifecycle. */
export function promptRenewalIfDue(ctx: DealContext, at: number): void {
  const promptAt = renewalPromptAt(ctx);
  if (ctx.memory.renewalPrompted || promptAt === undefined || promptAt > at) return;
  ctx.memory.renewalPrompted = true;
  ctx.clock.at(promptAt, () => {
    record(ctx, 'renewal.prompted', { renewalOn: renewalDate(ctx.deal) });
    openRenewalDeadline(ctx);
    applySystemEvent(ctx, { type: 'renewal.due' });
  });
}

/** The renewal itself: owned by the step that waits for the renewal handoff. */
function openRenewalDeadline(ctx: DealContext): void {
  const { playbook } = ctx;
  const renewalHandoffs = playbook.handoffs.filter((h) => h.trigger.on === 'renewal-due').map((h) => h.id);
  const owner = playbook.stages
    .flatMap((s) => s.steps)
    .find((step) => step.exitCriteria.some((c) => c.kind === 'handoff-accepted' && renewalHandoffs.includes(c.handoff)));
  if (!owner || findDeadline(ctx, 'renewal')) return;
  ctx.memory.deadlines.push({
    id: 'renewal',
    kind: 'renewal',
    label: `Renewal on ${renewalDate(ctx.deal)}`,
    subject: { step: owner.id },
    startsAt: ctx.clock.now(),
    dueAt: instantAfterLastDay(renewalDate(ctx.deal)) - MS_PER_DAY,
    status: 'open',
    firedRungs: [],
    extensions: [],
  });
}
