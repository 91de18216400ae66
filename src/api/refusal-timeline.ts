import type { CoalescedRefusal } from '../db/refusals/deal-refusals';
import type { TimelineItem } from './schemas/timeline';

/**
 * A deal's coalesced refusals (PostgreSQL) as timeline items: one line per distinct refusal, at
 * its last instant, saying how often. The timeline entries the deal itself recorded (refusals
 * signalled into older histories among them) keep their place.
 */
export function presentRefusal(refusal: CoalescedRefusal, names: Map<string, string>): TimelineItem {
  const actorName = names.get(refusal.actor);
  const times = refusal.count === 1 ? '' : ` (${refusal.count} times since ${refusal.firstAt.toISOString()})`;
  return {
    id: `refusal-${refusal.id}`,
    at: refusal.lastAt.toISOString(),
    type: 'action.refused',
    actor: refusal.actor,
    ...(actorName ? { actorName } : {}),
    reason: refusal.reason,
    summary: `Refused: ${refusal.action}${times}`,
    details: { action: refusal.action, count: refusal.count, firstAt: refusal.firstAt.toISOString() },
  };
}

/** The deal's own timeline with its refusals placed by instant (stable: equal instants keep the deal's first). */
export function withRefusals(items: TimelineItem[], refusals: CoalescedRefusal[], names: Map<string, string>): TimelineItem[] {
  const merged = [...items, ...refusals.map((r) => presentRefusal(r, names))];
  return merged.map((item, index) => ({ item, index })).sort((a, b) => Date.parse(a.item.at) - Date.parse(b.item.at) || a.index - b.index).map(({ item }) => item);
}
