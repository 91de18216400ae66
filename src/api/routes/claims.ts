import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { claimsCsv } from '../../claims/claim-csv';
import { listClaims } from '../../claims/claim-outbox';
import { principalOf } from '../authenticate';
import { presentClaim } from '../claim-presenter';
import type { DealService } from '../deal-service';
import { authenticated } from '../openapi';
import { ClaimList, type ClaimItem } from '../schemas/claims';
import { errorResponses } from '../schemas/error-responses';
import { ClaimsExportQuery, ClaimsQuery } from '../schemas/requests';

export function registerClaimRoutes(app: FastifyInstance, deps: { deals: DealService; dataDir: string }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/claims',
    {
      schema: {
        tags: ['deals'],
        summary: "The caller's partner's incentive claims with their status",
        description:
          'From the claims outbox under BATON_DATA_DIR, where every submitted claim is recorded with the vendor\'s later decisions ' +
          '(accepted, rejected, paid). With dealId, the deal\'s own record of its claims is merged in (404 for an unknown deal).',
        security: authenticated,
        querystring: ClaimsQuery,
        response: { 200: ClaimList, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { dealId, status, fiscalQuarter } = request.query;
      const stored = (await listClaims(deps.dataDir, { dealId, status, fiscalQuarter })).filter((c) => c.partnerId === principal.partnerId);
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

  app.withTypeProvider<ZodTypeProvider>().get(
    '/claims/export.csv',
    {
      schema: {
        tags: ['deals'],
        summary: "The caller's partner's claims of a fiscal quarter as the vendor portal's CSV",
        description: 'One row per claim, RFC 4180, the columns of the quarterly export the claims outbox writes (src/claims/claim-csv.ts).',
        security: authenticated,
        querystring: ClaimsExportQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const { partnerId } = principalOf(request);
      const { fiscalQuarter } = request.query;
      const claims = (await listClaims(deps.dataDir, { fiscalQuarter })).filter((c) => c.partnerId === partnerId);
      const file = `claims-${partnerId}-${fiscalQuarter.replace(' ', '-')}.csv`;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).send(claimsCsv(claims));
    },
  );
}
