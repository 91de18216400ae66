import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Client } from '@temporalio/client';
import { dealListQuery, listDeals, type DealListing } from '../../temporal/deal-visibility';
import { principalOf } from '../authenticate';
import type { DealService } from '../deal-service';
import { authenticated } from '../openapi';
import { errorResponses } from '../schemas/error-responses';
import { Inbox } from '../schemas/inbox';

/** At most this many deals are read for one inbox; a person with more has a staffing problem. */
const MAX_DEALS = 500;
const PAGE_SIZE = 100;

export function registerInboxRoutes(app: FastifyInstance, deps: { client: Client; deals: DealService }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/inbox',
    {
      schema: {
        tags: ['people'],
        summary: 'My inbox: open steps and handoffs where I am Responsible or Accountable, soonest deadline first',
        description: "Deals where the caller holds an open task come from visibility (BatonOpenTaskOwners); each deal is then asked for its tasks.",
        security: authenticated,
        response: { 200: Inbox, ...errorResponses(401) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const query = dealListQuery({ callerPartnerId: principal.partnerId, owner: principal.person.id.toLowerCase() });
      const listings: DealListing[] = [];
      let pageToken: string | undefined;
      do {
        const page = await listDeals(deps.client, query, { pageSize: PAGE_SIZE, pageToken });
        listings.push(...page.deals.filter((d) => d.status === 'running'));
        pageToken = page.nextPageToken;
      } while (pageToken && listings.length < MAX_DEALS);
      const perDeal = await Promise.all(listings.slice(0, MAX_DEALS).map((d) => deps.deals.tasksOn(principal, d.workflowId)));
      const items = perDeal.flat().sort((a, b) => (a.dueAt ?? '\uffff').localeCompare(b.dueAt ?? '\uffff') || a.dealId.localeCompare(b.dealId));
      return { person: principal.person.id, items };
    },
  );
}
