import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect';
import { boardDealRows } from '../../db/read-model/deal-list';
import { principalOf } from '../authenticate';
import { buildBoard } from '../board';
import { authenticated } from '../openapi';
import { Board } from '../schemas/board';
import { errorResponses } from '../schemas/error-responses';

/** At most this many deals are read for one board, as for the inbox. */
const MAX_DEALS = 500;
const DAY_MS = 86_400_000;

export function registerBoardRoutes(app: FastifyInstance, deps: { db: Db }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/board',
    {
      schema: {
        tags: ['people'],
        summary: "The practice lead's board: deadlines due in 7 and 30 days, escalations and breaches across the partner",
        description: 'From the read model: the open deals with a deadline due within 30 days or a rung or breach on record, soonest first. Reads at most 500 deals.',
        security: authenticated,
        response: { 200: Board, ...errorResponses(401) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { rows, truncated } = await boardDealRows(deps.db, principal.partnerId, new Date(Date.now() + 30 * DAY_MS), MAX_DEALS);
      return buildBoard(rows, truncated);
    },
  );
}
