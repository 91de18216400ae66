import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect';
import { listDealRows, PageTokenError, type DealListRow } from '../../db/read-model/deal-list';
import { principalOf } from '../authenticate';
import type { DealService } from '../deal-service';
import { badRequest } from '../errors';
import { authenticated } from '../openapi';
import { DealDetail, DealPage, RegisteredDeal, type DealSummary } from '../schemas/deal';
import { errorResponses } from '../schemas/error-responses';
import { DealParams, ListDealsQuery, RegisterDealBody } from '../schemas/requests';
import { Timeline } from '../schemas/timeline';

/** One row of the deal list as the API answers it. */
function dealSummary(row: DealListRow): DealSummary {
  return {
    dealId: row.deal_id,
    partnerId: row.partner_id,
    workflowId: row.workflow_id,
    customerName: row.customer_name,
    status: row.closed ? 'closed' : 'running',
    ...(row.stage !== 'completed' ? { stage: row.stage } : {}),
    ...(row.step !== 'completed' ? { step: row.step } : {}),
    architecture: row.architecture,
    openTaskOwners: row.open_task_owners,
    ...(row.next_deadline_at ? { nextDeadline: new Date(row.next_deadline_at).toISOString() } : {}),
    dealValueUsd: row.deal_value_usd,
  };
}

export function registerDealRoutes(app: FastifyInstance, deps: { db: Db; deals: DealService }): void {
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
        summary: "List the caller's partner's deals, filtered, soonest next deadline first, paginated",
        description:
          "From the read model (PostgreSQL), never from the deals' workflows. Filters are AND-ed, always with the caller's partner; " +
          'deals with no open deadline come last, closed deals only with `includeClosed=true`. Pages are keyset pages: the cost of ' +
          'one does not grow with the number of deals or with how deep it is. A `nextPageToken` not from this listing is a 400.',
        security: authenticated,
        querystring: ListDealsQuery,
        response: { 200: DealPage, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { pageSize, nextPageToken, partner, includeClosed, ...filters } = request.query;
      const partnerId = principalOf(request).partnerId;
      // Another partner's deals are never listed: asking for them lists nothing.
      if (partner !== undefined && partner !== partnerId) return { deals: [] };
      try {
        const page = await listDealRows(deps.db, { partnerId, ...filters, includeClosed: includeClosed === 'true', pageSize, ...(nextPageToken ? { after: nextPageToken } : {}) });
        return { deals: page.deals.map(dealSummary), ...(page.nextPageToken ? { nextPageToken: page.nextPageToken } : {}) };
      } catch (err) {
        if (err instanceof PageTokenError) throw badRequest('querystring.nextPageToken: is not a token from this listing; start again without it');
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
