import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { strictObject } from '../../domain/schemas/strict';
import { HandoffAttach, HandoffReturn, HandoffTick } from '../../domain/schemas/handoff';
import { principalOf } from '../authenticate';
import type { DealService } from '../deal-service';
import { authenticated } from '../openapi';
import { ActionResponse } from '../schemas/actions';
import { errorResponses } from '../schemas/error-responses';
import { HandoffView } from '../schemas/handoff';
import { ActorField, HandoffParams } from '../schemas/requests';

const ROUTES = [
  { verb: 'accept', summary: 'Accept a handoff (its Accountable, the receiving side)', body: strictObject({ actor: ActorField }) },
  { verb: 'return', summary: 'Return a handoff for missing information, with the reason', body: HandoffReturn.omit({ templateId: true }).extend({ actor: ActorField }) },
  { verb: 'tick', summary: 'Tick a checklist item of a handoff', body: HandoffTick.omit({ templateId: true }).extend({ actor: ActorField }) },
  { verb: 'attach', summary: 'Attach an artifact to a handoff', body: HandoffAttach.omit({ templateId: true }).extend({ actor: ActorField }) },
] as const;

export function registerHandoffRoutes(app: FastifyInstance, deps: { deals: DealService }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/deals/:dealId/handoffs/:templateId',
    {
      schema: {
        tags: ['handoffs'],
        summary: 'An open handoff: checklist, artifacts, returns and SLA',
        security: authenticated,
        params: HandoffParams,
        response: { 200: HandoffView, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => deps.deals.handoff(principalOf(request), request.params.dealId, request.params.templateId),
  );
  for (const route of ROUTES) {
    api.post(
      `/deals/:dealId/handoffs/:templateId/${route.verb}`,
      {
        schema: {
          tags: ['handoffs'],
          summary: route.summary,
          description:
            `The \`handoff.${route.verb}\` update of the deal's open handoff, as the authenticated person. 403 when the handoff's RACI ` +
            'does not allow them; 409 when the handoff\'s state does not allow it (say, no such open handoff). A refused action changes nothing.',
          security: authenticated,
          params: HandoffParams,
          body: route.body,
          response: { 200: ActionResponse, ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (request) => {
        const { dealId, templateId } = request.params;
        return deps.deals.act(principalOf(request), dealId, { ...request.body, templateId, type: `handoff.${route.verb}` }, request.log);
      },
    );
  }
}
