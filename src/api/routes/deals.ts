import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Client } from '@temporalio/client';
import { dealListQuery, InvalidPageTokenError, listDeals } from '../../temporal/deal-visibility';
import { principalOf } from '../authenticate';
import type { DealService } from '../deal-service';
import { badRequest } from '../errors';
import { authenticated } from '../openapi';
import { DealDetail, DealPage, RegisteredDeal } from '../schemas/deal';
import { errorResponses } from '../schemas/error-responses';
import { DealParams, ListDealsQuery, RegisterDealBody } from '../schemas/requests';
import { Timeline } from '../schemas/timeline';

/** gRPC INVALID_ARGUMENT: Temporal's answer to a page token it did not issue. */
const INVALID_ARGUMENT = 3;

export function registerDealRoutes(app: FastifyInstance, deps: { client: Client; deals: DealService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/deals',
    {
      schema: {
        tags: ['deals'],
        summary: 'Register a deal from its booking',
        description:
          'Starts the deal\'s workflow under the caller\'s partner profile. The caller must be Responsible or Accountable for the ' +
          'playbook\'s entry step (Purchase: the AM) on the deal\'s team. Registering the same deal again returns the existing deal ' +
          '(200, `created: false`), neither an error nor a duplicate. A body `actor` or `registeredBy` other than the caller is a 403.',
        security: authenticated,
        body: RegisterDealBody,
        response: { 200: RegisteredDeal, 201: RegisteredDeal, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const result = await deps.deals.register(principalOf(request), request.body, request.log);
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );

  api.get(
    '/deals',
    {
      schema: {
        tags: ['deals'],
        summary: "List the caller's partner's deals, filtered, newest first, paginated",
        description: 'From Temporal visibility (search attributes). Filters are AND-ed, always with the caller\'s partner.',
        security: authenticated,
        querystring: ListDealsQuery,
        response: { 200: DealPage, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { pageSize, nextPageToken, ...filters } = request.query;
      const query = dealListQuery({ callerPartnerId: principalOf(request).partnerId, ...filters });
      try {
        return await listDeals(deps.client, query, { pageSize, pageToken: nextPageToken });
      } catch (err) {
        if (err instanceof InvalidPageTokenError || (err as { code?: number }).code === INVALID_ARGUMENT) {
          throw badRequest('querystring.nextPageToken: is not a token from this listing; start again without it');
        }
        throw err;
      }
    },
  );

  api.get(
    '/deals/:dealId',
    {
      schema: {
        tags: ['deals'],
        summary: 'A deal: stage, step, team, open handoffs, deadlines with time left, escalations, claims',
        security: authenticated,
        params: DealParams,
        response: { 200: DealDetail, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => deps.deals.detail(principalOf(request), request.params.dealId),
  );

  api.get(
    '/deals/:dealId/timeline',
    {
      schema: {
        tags: ['deals'],
        summary: "A deal's business timeline: who did what, when and why, each linked to the raw Temporal history",
        security: authenticated,
        params: DealParams,
        response: { 200: Timeline, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => deps.deals.timeline(principalOf(request), request.params.dealId),
  );
}
