import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { PlaybookCatalogue } from '../../config/playbook-catalogue';
import type { Db } from '../../db/connect';
import { principalOf } from '../authenticate';
import { partnerForecast } from '../forecast-service';
import { authenticated } from '../openapi';
import { errorResponses } from '../schemas/error-responses';
import { ForecastQuery, ForecastReport } from '../schemas/forecast';

export function registerForecastRoutes(app: FastifyInstance, deps: { db: Db; playbooks: PlaybookCatalogue }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/forecast',
    {
      schema: {
        tags: ['deals'],
        summary: "Every open deal's incentive windows: dollars at stake, last day, status, totals by the quarter paid in (or partner, owner, architecture, stage)",
        description:
          "From the read model and the program rules; each window's quoted amount equals `baton quote` on the same facts and day. " +
          'Status: earned, on-track, at-risk (a ladder rung has fired or is due: behind the playbook pace), escalated (an escalate rung), missed. ' +
          'What-ifs are answered without changing anything.',
        security: authenticated,
        querystring: ForecastQuery,
        response: { 200: ForecastReport, ...errorResponses(400, 401) },
      },
    },
    async (request) => partnerForecast(deps.db, deps.playbooks, principalOf(request).partnerId, request.query),
  );
}
