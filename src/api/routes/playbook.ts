import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { defaultPlaybook } from '../../config/playbook-files';
import { principalOf } from '../authenticate';
import type { DealService } from '../deal-service';
import { authenticated } from '../openapi';
import { presentPlaybook } from '../playbook-presenter';
import { errorResponses } from '../schemas/error-responses';
import { DealPermissions, PlaybookView } from '../schemas/playbook';
import { DealParams } from '../schemas/requests';

/** The playbook (lifecycle, RACI, handoffs, ladder) and what it lets the caller do on a deal. */
export function registerPlaybookRoutes(app: FastifyInstance, deps: { deals: DealService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/playbook',
    {
      schema: {
        tags: ['deals'],
        summary: 'The active playbook: lifecycle, RACI matrix, handoff templates and escalation ladder',
        description: 'What new deals are booked under (config/playbooks/default.yaml); a deal keeps the version it was booked under.',
        security: authenticated,
        response: { 200: PlaybookView, ...errorResponses(401) },
      },
    },
    async () => presentPlaybook(await defaultPlaybook()),
  );
  api.get(
    '/deals/:dealId/playbook',
    {
      schema: {
        tags: ['deals'],
        summary: 'The playbook version the deal runs under',
        security: authenticated,
        params: DealParams,
        response: { 200: PlaybookView, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => presentPlaybook(await deps.deals.dealPlaybook(principalOf(request), request.params.dealId)),
  );
  api.get(
    '/deals/:dealId/permissions',
    {
      schema: {
        tags: ['deals'],
        summary: 'What the caller may do on the deal now, by its RACI',
        description: 'For clients to offer only what the person may do. Every action is authorised again when it is sent.',
        security: authenticated,
        params: DealParams,
        response: { 200: DealPermissions, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => deps.deals.permissions(principalOf(request), request.params.dealId),
  );
}
