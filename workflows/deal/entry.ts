import { instantAfterLastDay } from '../../src/domain/calendar';
import { MS_PER_DAY } from '../../src/domain/deadlines';
import type { HistoricalFact } from '../../src/domain/schemas/history';
import type { DealContext } from './context';
import { applyEffects } from './effects';
import { factsAfter } from './facts';
import { judge } from './judge';
import { record } from './timeline';

/**
 * A deal booked on an earlier day enters Baton as of its booking: its windows are judged from the
 * booking day, but nothing that fell due before it entered is announced (a rung already passed
 * fires silently, a window already closed is recorded once as breached). Facts that happened
 * before the import are applied on their own days, in order, as imported by `importedBy`.
 */
export function enterAsOfBooking(ctx: DealContext, history: readonly HistoricalFact[], importedBy: string): void {
  const enteredAt = ctx.clock.now();
  if (startOfDay(ctx.deal.bookedOn) < enteredAt) ctx.memory.enteredAt = enteredAt;
  // Stable: facts of one day keep the order the import gave them.
  const inOrder = [...history].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  for (const fact of inOrder) ctx.clock.at(startOfDay(fact.on), () => applyHistoricalFact(ctx, fact, importedBy));
}

const startOfDay = (day: string): number => instantAfterLastDay(day) - MS_PER_DAY;

/** One past fact, judged as the deal stood on its day; a refusal is recorded, never thrown. */
function applyHistoricalFact(ctx: DealContext, { on, action }: HistoricalFact, importedBy: string): void {
  const imported = { imported: true, importedBy, on };
  const decision = judge(ctx, action);
  if (!decision.accepted) {
    record(ctx, 'action.refused', { action: action.type, reason: decision.reason, ...imported }, action.actor);
    return;
  }
  if ('unchanged' in decision) return;
  const facts = ctx.rules.factsByIdentity ? factsAfter(ctx, action) : undefined;
  ctx.memory.lifecycle = decision.state;
  for (const entry of applyEffects(ctx, decision.effects, action, action.actor, facts)) Object.assign(entry, imported);
}
