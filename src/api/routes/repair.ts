import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Client } from '@temporalio/client';
import { PARTNER_ADMINS } from '../../domain/partner-admins';
import { principalOf } from '../authenticate';
import { authenticated } from '../openapi';
import { requireRole } from '../require-role';
import { errorResponses } from '../schemas/error-responses';
import { DealRepairView, StuckDeals } from '../schemas/repair';
import { DealParams } from '../schemas/requests';
import { repairDeal, stuckDeals } from '../stuck-deal-ops';

/** Operations on stuck deals, for a partner's administrators (LEAD or EXEC): list them, repair one. */
export function registerRepairRoutes(app: FastifyInstance, deps: { client: Client }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/stuck-deals',
    {
      schema: {
        tags: ['ops'],
        summary: "Your partner's deal and handoff workflows whose workflow task keeps failing (LEAD or EXEC)",
        description: 'A workflow is stuck when its pending workflow task has been tried 3 times or more; the failure is the last task failure recorded in its history.',
        security: authenticated,
        response: { 200: StuckDeals, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      requireRole(principal, PARTNER_ADMINS, 'listing stuck deals');
      return stuckDeals(deps.client, principal.partnerId);
    },
  );
  api.post(
    '/deals/:dealId/repair',
    {
      schema: {
        tags: ['ops'],
        summary: 'Repair a stuck deal: reset its stuck workflows to the task that does not replay, reapplying later signals and updates (LEAD or EXEC)',
        description: 'Claims and notifications the reset runs again are idempotent by key: nothing is paid or sent twice. 409 when the deal is not stuck.',
        security: authenticated,
        params: DealParams,
        response: { 200: DealRepairView, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      requireRole(principal, PARTNER_ADMINS, 'repairing a deal');
      const repair = await repairDeal(deps.client, principal.partnerId, request.params.dealId, principal.person.id);
      request.log.warn({ dealId: request.params.dealId, repaired: repair.repaired, by: principal.person.id }, 'stuck deal repaired');
      return repair;
    },
  );
}
