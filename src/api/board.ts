import type { Client } from '@temporalio/client';
import { DealNotFoundError, getDealView } from '../temporal/deal-client';
import type { DealListing } from '../temporal/deal-visibility';
import type { Board } from './schemas/board';
import { presentTimelineEntry, teamNames } from './timeline-presenter';

const DAY_MS = 86_400_000;
const NO_LINKS = { urlAt: () => undefined };

/** The board of `listings`, a partner's running deals: see GET /board. */
export async function buildBoard(client: Client, listings: DealListing[], truncated: boolean): Promise<Board> {
  const now = Date.now();
  const found = await Promise.all(
    listings.map(async (listing) => {
      try {
        return { listing, view: await getDealView(client, { workflowId: listing.workflowId }) };
      } catch (err) {
        // Visibility lags the workflows: a deal listed a moment ago may be gone.
        if (err instanceof DealNotFoundError) return undefined;
        throw err;
      }
    }),
  );
  const deals = found.filter((f) => f !== undefined);
  const deadlines = deals.flatMap(({ listing, view }) =>
    view.deadlines.map((d) => ({
      dealId: view.dealId,
      deadlineId: d.id,
      label: d.label,
      kind: d.kind,
      status: d.status,
      dueAt: new Date(d.dueAt).toISOString(),
      timeLeftMs: d.timeLeftMs,
      paused: d.paused !== undefined,
      ...(listing.dealValueUsd !== undefined ? { dealValueUsd: listing.dealValueUsd } : {}),
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
    dealsRead: listings.length,
    truncated,
    dueIn7Days: soonest(open.filter((d) => d.timeLeftMs <= 7 * DAY_MS)),
    dueIn30Days: soonest(open.filter((d) => d.timeLeftMs > 7 * DAY_MS && d.timeLeftMs <= 30 * DAY_MS)),
    breaches: soonest(deadlines.filter((d) => d.status === 'breached')),
    escalations,
  };
}
