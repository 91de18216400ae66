import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { BatonMetrics } from '../metrics';
import { open } from '../openapi';

/** Unauthenticated operations endpoints: liveness for load balancers, metrics for Prometheus. */
export function registerOpsRoutes(app: FastifyInstance, deps: { client: Client; metrics: BatonMetrics }): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get(
    '/health',
    {
      schema: {
        tags: ['ops'],
        summary: 'Liveness: the API runs and reaches Temporal',
        security: open,
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => {
      await deps.client.workflowService.getSystemInfo({});
      return { status: 'ok' as const };
    },
  );
  api.get(
    '/metrics',
    {
      schema: {
        tags: ['ops'],
        summary: 'Baton metrics in the Prometheus text format',
        description:
          'Business gauges from a census of the read model and the claims ledger (open deals by stage, handoffs, escalations, breaches, claims by status, ' +
          'incentive dollars claimed, accepted, paid and at stake), a few aggregate queries whatever the number of deals, and ' +
          "counters of what this API instance observed. The Temporal runtime's own metrics are served by the worker on BATON_METRICS_PORT.",
        security: open,
        produces: ['text/plain'],
      },
    },
    async (_request, reply) => {
      const text = await deps.metrics.registry.metrics();
      return reply.type(deps.metrics.registry.contentType).send(text);
    },
  );
}
