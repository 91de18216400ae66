import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect';
import { principalOf } from '../authenticate';
import type { DealService } from '../deal-service';
import { authenticated } from '../openapi';
import { handOver } from '../people-handover';
import { errorResponses } from '../schemas/error-responses';
import { HandoverBody, HandoverReport } from '../schemas/people';

export function registerPeopleRoutes(app: FastifyInstance, deps: { deals: DealService; db: Db }): void {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/people/handover',
    {
      schema: {
        tags: ['people'],
        summary: 'Hand over everything a person holds on the open deals of your partner to another person',
        description:
          'One `team.handover` per open deal where `from` is on the team (from the read model), each authorised by the deal\'s playbook ' +
          '(the R or A of its mapped step, or a role that manages escalations, such as the practice lead, partner-wide) and recorded on ' +
          'its timeline with the reason. A deal that refuses is reported with why; the others are handed over.',
        security: authenticated,
        body: HandoverBody,
        response: { 200: HandoverReport, ...errorResponses(400, 401) },
      },
    },
    async (request) => handOver(deps.deals, deps.db, principalOf(request), request.body, request.log),
  );
}
