import type { Client } from '@temporalio/client';
import type { DealView } from '../../workflows/deal-messages';
import { listDeals, RUNNING_DEALS_QUERY, type DealListing } from '../temporal/deal-visibility';
import type { DealCensus } from '../db/read-model/census';

const PAGE_SIZE = 200;
/** Deal queries in flight at once: a scrape must not crowd out the work the worker does. */
const CONCURRENCY = 4;

async function allRunningDeals(client: Client): Promise<DealListing[]> {
  const deals: DealListing[] = [];
  let pageToken: string | undefined;
  do {
    const page = await listDeals(client, RUNNING_DEALS_QUERY, { pageSize: PAGE_SIZE, pageToken });
    deals.push(...page.deals);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return deals;
}

async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  });
  await Promise.all(lanes);
  return results;
}

const increment = (counts: Record<string, number>, key: string, by = 1): void => {
  counts[key] = (counts[key] ?? 0) + by;
};

/** Adds up what the running deals' workflows report: the source of `GET /metrics`'s gauges. */
export function summarize(listings: DealListing[], views: (DealView | undefined)[]): DealCensus {
  const census: DealCensus = {
    dealsByStage: {},
    handoffsByState: { open: 0, returned: 0, accepted: 0 },
    escalationsByAction: { remind: 0, escalate: 0 },
    breaches: 0,
    claimsByStatus: {},
  };
  for (const listing of listings) increment(census.dealsByStage, listing.stage ?? 'unknown');
  for (const view of views) {
    if (!view) continue;
    for (const handoff of view.openHandoffs) census.handoffsByState[handoff.status] += 1;
    for (const entry of view.timeline) {
      if (entry.type === 'handoff.accepted') census.handoffsByState.accepted += 1;
      if (entry.type === 'deadline.reminder') census.escalationsByAction.remind += 1;
      if (entry.type === 'deadline.escalated') census.escalationsByAction.escalate += 1;
      if (entry.type === 'deadline.breached') census.breaches += 1;
    }
    for (const { claim } of view.claims) increment(census.claimsByStatus, claim.status);
    increment(census.claimsByStatus, 'ineligible', view.ineligibleClaims.length);
  }
  return census;
}

/**
 * The census behind the business gauges: every running deal from visibility, then each deal's
 * view. A deal whose query fails (say, mid-deploy) is counted by stage only, never fails the scrape.
 */
export function dealCensus(client: Client, viewOf: (workflowId: string) => Promise<DealView>): () => Promise<DealCensus> {
  return async () => {
    const listings = await allRunningDeals(client);
    const views = await mapLimited(listings, CONCURRENCY, (listing) => viewOf(listing.workflowId).catch(() => undefined));
    return summarize(listings, views);
  };
}
