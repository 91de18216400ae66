import type { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { readVendorFile } from '../../claims/vendor-file';
import type { Db } from '../../db/connect';
import { reconcileVendorDecisions } from '../../db/claims/reconcile';
import { PARTNER_ADMINS } from '../../domain/partner-admins';
import { principalOf } from '../authenticate';
import { badRequest } from '../errors';
import { authenticated } from '../openapi';
import { requireRole } from '../require-role';
import { errorResponses } from '../schemas/error-responses';
import { ReconcileQuery, ReconciliationReport } from '../schemas/reconciliation';

export function registerReconciliationRoutes(app: FastifyInstance, deps: { db: Db }): void {
  // Its own scope: only this route takes a CSV body, handed over as the request stream.
  void app.register(async (scope) => {
    scope.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/claims/reconciliations',
      {
        bodyLimit: 256 * 1024 * 1024,
        schema: {
          tags: ['deals'],
          summary: "Reconcile the vendor portal's decisions file with the claims ledger; LEAD or EXEC",
          description:
            'The body is the portal\'s CSV (`claim` id or idempotency key, `status` accepted|rejected|paid, `amount_approved_usd`, `paid_on`). ' +
            'Each decision the ledger does not hold is recorded as `POST /claims/{claimId}/decisions` records it; the same file again changes nothing. ' +
            'Every mismatch is reported: an unreadable row, an unknown claim, an amount approved other than claimed, a claim paid twice (never applied), ' +
            'a decision the claim lifecycle refuses, and each submitted claim with no decision after `noDecisionAfterDays`.',
          security: authenticated,
          querystring: ReconcileQuery,
          consumes: ['text/csv'],
          response: { 200: ReconciliationReport, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        requireRole(principal, PARTNER_ADMINS, "reconciling the vendor's decisions");
        try {
          const report = await reconcileVendorDecisions(deps.db, readVendorFile(request.body as Readable), {
            partnerId: principal.partnerId,
            recordedBy: principal.person.id,
            noDecisionAfterDays: request.query.noDecisionAfterDays,
            now: new Date(),
          });
          request.log.info({ by: principal.person.id, applied: report.applied, mismatches: report.mismatches.length }, 'vendor decisions reconciled');
          return report;
        } catch (err) {
          if ((err as { code?: string }).code?.startsWith('CSV_')) throw badRequest(`body: not a CSV file Baton can read: ${(err as Error).message}`);
          throw err;
        }
      },
    );
  });
}
