import type { BoardRow } from '../db/read-model/deal-list';
import type { Board } from './schemas/board';
import { presentTimelineEntry, teamNames } from './timeline-presenter';
import { viewAsOf } from './view-as-of';

const DAY_MS = 86_400_000;
const NO_LINKS = { urlAt: () => undefined };

/** The board of `rows`, a partner's open deals from the read model: see GET /board. */
export function buildBoard(rows: BoardRow[], truncated: boolean): Board {
  const now = Date.now();
  const deals = rows.map((row) => ({ dealValueUsd: row.deal_value_usd, view: viewAsOf(row.view, now) }));
  const deadlines = deals.flatMap(({ dealValueUsd, view }) =>
    view.deadlines.map((d) => ({
      dealId: view.dealId,
      deadlineId: d.id,
      label: d.label,
      kind: d.kind,
      status: d.status,
      dueAt: new Date(d.dueAt).toISOString(),
      timeLeftMs: d.timeLeftMs,
      paused: d.paused !== undefined,
      dealValueUsd,
    })),
  );
  const soonest = <T extends { timeLeftMs: number }>(list: T[]) => list.sort((a, b) => a.timeLeftMs - b.timeLeftMs);
  const open = deadlines.filter((d) => d.status === 'open');
  const since = new Date(now - 30 * DAY_MS).toISOString();
  const escalations = deals
    .flatMap(({ view }) => {
      const names = teamNames(view.team);
      return view.escalations.map((e) => ({ ...presentTimelineEntry(e, names, NO_LINKS), dealId: view.dealId }));
    })
    .filter((e) => e.at >= since)
    .sort((a, b) => b.at.localeCompare(a.at));
  return {
    now: new Date(now).toISOString(),
    dealsRead: rows.length,
    truncated,
    dueIn7Days: soonest(open.filter((d) => d.timeLeftMs <= 7 * DAY_MS)),
    dueIn30Days: soonest(open.filter((d) => d.timeLeftMs > 7 * DAY_MS && d.timeLeftMs <= 30 * DAY_MS)),
    breaches: soonest(deadlines.filter((d) => d.status === 'breached')),
    escalations,
  };
}
