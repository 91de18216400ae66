import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Client } from '@temporalio/client';
import { defaultHealthConfig } from '../../config/health-files';
import type { HealthConfig } from '../../domain/health/schema';
import { DealNotFoundError, InvalidInputError } from '../../temporal/deal-client';
import { observeHealth, round2, type HealthObserved } from '../../temporal/health-client';
import { principalOf } from '../authenticate';
import { badRequest, notFound } from '../errors';
import { authenticated } from '../openapi';
import { errorResponses } from '../schemas/error-responses';
import { HealthAssessmentView, HealthObserveBody, TelemetryBatchBody, TelemetryBatchResponse } from '../schemas/health';
import { DealParams } from '../schemas/requests';

const present = ({ dealId, assessment }: HealthObserved): HealthAssessmentView => ({
  dealId,
  score: round2(assessment.score),
  objective: round2(assessment.objective),
  subjective: round2(assessment.subjective),
  parts: assessment.parts,
  missing: assessment.missing,
  ...(assessment.renewalRisk ? { renewalRisk: { level: assessment.renewalRisk.level, utilisation: round2(assessment.renewalRisk.utilisation) } } : {}),
});

/** At most this many deals are signalled at once by one telemetry batch. */
const BATCH_CONCURRENCY = 20;

/**
 * `health.observe`: raw readings in, Baton's score, breakdown and renewal risk out (config/health.yaml),
 * recorded on the deal's timeline where the playbook's triggers compare them. One deal, or a batch.
 */
export function registerHealthRoutes(app: FastifyInstance, deps: { client: Client }): void {
  let config: Promise<HealthConfig> | undefined;
  const healthConfig = () => (config ??= defaultHealthConfig());
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/deals/:dealId/health',
    {
      schema: {
        tags: ['deals'],
        summary: "Observe a deal's health from the CSM's scorecard and telemetry: Baton computes the score, its breakdown and the renewal risk",
        description:
          'Scorecard answers are yes, in-progress or no per field of config/health.yaml; telemetry is licensed and active users, current-version share, ' +
          'features activated and the value index. The observation goes on the timeline with its trend; a score below the playbook threshold starts the ' +
          'CSM → CSS handoff, a High renewal risk the early renewal review. 404 for a deal that is not there or closed; nothing is recorded then.',
        security: authenticated,
        params: DealParams,
        body: HealthObserveBody,
        response: { 200: HealthAssessmentView, ...errorResponses(400, 401, 404) },
      },
    },
    async (request) => {
      const partnerId = principalOf(request).partnerId;
      try {
        return present(await observeHealth(deps.client, await healthConfig(), { partnerId, dealId: request.params.dealId }, request.body));
      } catch (err) {
        if (err instanceof InvalidInputError) throw badRequest(`body: ${err.problems.replace(/\n/g, '; ')}`);
        if (err instanceof DealNotFoundError) throw notFound(err.message);
        throw err;
      }
    },
  );

  api.post(
    '/telemetry',
    {
      schema: {
        tags: ['deals'],
        summary: "Many deals' telemetry at once: each reading scored and observed as POST /deals/{dealId}/health",
        description: 'Readings are independent: a deal that is not there or closed is listed under `refused` and the others are observed.',
        security: authenticated,
        body: TelemetryBatchBody,
        response: { 200: TelemetryBatchResponse, ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const partnerId = principalOf(request).partnerId;
      const health = await healthConfig();
      const observed: HealthAssessmentView[] = [];
      const refused: { dealId: string; reason: string }[] = [];
      const readings = request.body.readings;
      for (let from = 0; from < readings.length; from += BATCH_CONCURRENCY) {
        await Promise.all(
          readings.slice(from, from + BATCH_CONCURRENCY).map(async ({ dealId, ...reading }) => {
            try {
              observed.push(present(await observeHealth(deps.client, health, { partnerId, dealId }, reading)));
            } catch (err) {
              if (err instanceof InvalidInputError) refused.push({ dealId, reason: err.problems.replace(/\n/g, '; ') });
              else if (err instanceof DealNotFoundError) refused.push({ dealId, reason: err.message });
              else throw err;
            }
          }),
        );
      }
      const order = new Map(readings.map((r, i) => [r.dealId, i]));
      const byInput = (a: { dealId: string }, b: { dealId: string }) => order.get(a.dealId)! - order.get(b.dealId)!;
      return { observed: observed.sort(byInput), refused: refused.sort(byInput) };
    },
  );
}
