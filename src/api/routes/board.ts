import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Client } from '@temporalio/client';
import { dealListQuery, listDeals, type DealListing } from '../../temporal/deal-visibility';
import { principalOf } from '../authenticate';
import { buildBoard } from '../board';
import { authenticated } from '../openapi';
import { Board } from '../schemas/board';
import { errorResponses } from '../schemas/error-responses';

/** At most this many running deals are read for one board, as for the inbox. */
const MAX_DEALS = 500;
const PAGE_SIZE = 100;

export function registerBoardRoutes(app: FastifyInstance, deps: { client: Client }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/board',
    {
      schema: {
        tags: ['people'],
        summary: "The practice lead's board: deadlines due in 7 and 30 days, escalations and breaches across the partner",
        description: "Running deals come from visibility; each is then asked for its deadlines and escalations. Reads at most 500 deals.",
        security: authenticated,
        response: { 200: Board, ...errorResponses(401) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const query = `${dealListQuery({ callerPartnerId: principal.partnerId })} AND ExecutionStatus = 'Running'`;
      const listings: DealListing[] = [];
      let pageToken: string | undefined;
      do {
        const page = await listDeals(deps.client, query, { pageSize: PAGE_SIZE, pageToken });
        listings.push(...page.deals);
        pageToken = page.nextPageToken;
      } while (pageToken && listings.length < MAX_DEALS);
      const truncated = Boolean(pageToken) || listings.length > MAX_DEALS;
      return buildBoard(deps.client, listings.slice(0, MAX_DEALS), truncated);
    },
  );
}
