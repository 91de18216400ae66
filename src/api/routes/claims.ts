import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from '../../db/connect';
import { listLedgerClaims } from '../../db/claims/claim-queries';
import { ClaimDecisionError, ClaimNotFoundError, recordVendorDecision, VendorDecision } from '../../db/claims/vendor-decisions';
import { claimsCsv } from '../../claims/claim-csv';
import { principalOf } from '../authenticate';
import { presentLedgerClaim } from '../claim-presenter';
import { conflict, notFound } from '../errors';
import { PARTNER_ADMINS } from '../../domain/partner-admins';
import { requireRole } from '../require-role';
import type { DealService } from '../deal-service';
import { authenticated } from '../openapi';
import { ClaimItem, ClaimList, ClaimParams } from '../schemas/claims';
import { errorResponses } from '../schemas/error-responses';
import { ClaimsExportQuery, ClaimsQuery } from '../schemas/requests';

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
      const stored = await listLedgerClaims(deps.db, { partnerId: principal.partnerId, dealId, status, fiscalQuarter });
      const claims: ClaimItem[] = stored.map(presentLedgerClaim);
      if (dealId) {
        const known = new Set(stored.map((c) => c.claim.claimId));
        const recorded = (await deps.deals.detail(principal, dealId)).claims;
        for (const claim of recorded) {
          if (known.has(claim.claimId) || (status && claim.status !== status) || (fiscalQuarter && claim.fiscalQuarter !== fiscalQuarter)) continue;
          claims.push(claim);
        }
      }
      return { claims };
    },
  );

  app.withTypeProvider<ZodTypeProvider>().post(
    '/claims/:claimId/decisions',
    {
      schema: {
        tags: ['deals'],
        summary: "Record the vendor's decision on a claim: accepted (amount approved), rejected, or paid (amount and date); LEAD or EXEC",
        description:
          'Moves the claim along its lifecycle (submitted → accepted | rejected, accepted → paid) and records who, when and why in its ' +
          'status history. A move the lifecycle does not allow is a 409 and changes nothing.',
        security: authenticated,
        params: ClaimParams,
        body: VendorDecision,
        response: { 200: ClaimItem, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      requireRole(principal, PARTNER_ADMINS, "recording the vendor's decisions");
      try {
        const decided = await recordVendorDecision(deps.db, request.params.claimId, request.body, { partnerId: principal.partnerId, recordedBy: principal.person.id });
        request.log.info({ claimId: decided.claim.claimId, status: decided.claim.status, by: principal.person.id }, 'vendor decision recorded');
        return presentLedgerClaim(decided);
      } catch (err) {
        if (err instanceof ClaimNotFoundError) throw notFound(err.message);
        if (err instanceof ClaimDecisionError) throw conflict(err.message);
        throw err;
      }
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
      const claims = (await listLedgerClaims(deps.db, { partnerId, fiscalQuarter })).map((stored) => stored.claim);
      const file = `claims-${partnerId}-${fiscalQuarter.replace(' ', '-')}.csv`;
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file}"`).send(claimsCsv(claims));
    },
  );
}
