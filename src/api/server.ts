import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Client } from '@temporalio/client';
import type { Logger } from '../observability/logger';

export interface ApiDependencies {
  client: Client;
  logger: Logger;
}

/** Baton's HTTP API. */
export async function buildApi(deps: ApiDependencies): Promise<FastifyInstance> {
  // Fastify types its instance by logger; the API only needs the base logger interface.
  const app = Fastify({ loggerInstance: deps.logger as FastifyBaseLogger });
  app.get('/health', async () => {
    await deps.client.workflowService.getSystemInfo({});
    return { status: 'ok' };
  });
  return app;
}
