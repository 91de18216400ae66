import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect';
import { listLedgerClaims } from '../../db/claims/claim-queries';
import { principalOf } from '../authenticate';
import { presentClaim } from '../claim-presenter';
import type { DealService } from '../deal-service';
import { authenticated } from '../openapi';
import { ClaimList, type ClaimItem } from '../schemas/claims';
import { errorResponses } from '../schemas/error-responses';
import { ClaimsQuery } from '../schemas/requests';

export function registerClaimRoutes(app: FastifyInstance, deps: { deals: DealService; db: Db }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/claims',
    {
      schema: {
        tags: ['deals'],
        summary: "The caller's partner's incentive claims with their status",
        description:
          'From the claims ledger in Baton\'s database, where every claim is recorded once when earned (draft), then when sent (submitted), ' +
          'with the vendor\'s later decisions (accepted, rejected, paid). With dealId, the deal\'s own record of its claims is merged in (404 for an unknown deal).',
        security: authenticated,
        querystring: ClaimsQuery,
        response: { 200: ClaimList, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { dealId, status, fiscalQuarter } = request.query;
      const stored = (await listLedgerClaims(deps.db, { partnerId: principal.partnerId, dealId, status, fiscalQuarter })).map((c) => c.claim);
      const claims: ClaimItem[] = stored.map((c) => presentClaim(c));
      if (dealId) {
        const known = new Set(stored.map((c) => c.claimId));
        const recorded = (await deps.deals.detail(principal, dealId)).claims;
        for (const claim of recorded) {
          if (known.has(claim.claimId) || (status && claim.status !== status) || (fiscalQuarter && claim.fiscalQuarter !== fiscalQuarter)) continue;
          claims.push(claim);
        }
      }
      return { claims };
    },
  );
}
