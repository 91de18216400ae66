import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { Client } from '@temporalio/client';
import type { TokenStore } from '../auth/token-store';
import type { Logger } from '../observability/logger';
import { authenticateWith } from './authenticate';
import { DealService } from './deal-service';
import { installErrorHandler } from './error-handler';
import type { BatonMetrics } from './metrics';
import { registerOpenApi } from './openapi';
import { registerActionRoutes } from './routes/actions';
import { registerClaimRoutes } from './routes/claims';
import { registerDealRoutes } from './routes/deals';
import { registerHandoffRoutes } from './routes/handoffs';
import { registerInboxRoutes } from './routes/inbox';
import { registerMeRoutes } from './routes/me';
import { registerOpsRoutes } from './routes/ops';
import { zodValidatorCompiler } from './validation';

export interface ApiDependencies {
  client: Client;
  logger: Logger;
  tokens: TokenStore;
  metrics: BatonMetrics;
  /** The worker's task queue: deal workflows registered over the API run there. */
  taskQueue: string;
  /** Partner profiles (`<partnerId>.yaml`), BATON_PARTNERS_DIR. */
  partnersDir: string;
  /** The playbook new deals run (BATON_PLAYBOOK_FILE); the shipped default when unset. */
  playbookFile?: string;
  /** Where the claims outbox lives (BATON_DATA_DIR). */
  dataDir: string;
  /** Temporal Web UI base URL, for links to a deal's raw event history; no links when unset. */
  temporalUiUrl?: string;
  version: string;
  /** Told of every route as it is registered (the OpenAPI test checks each one is documented). */
  onRoute?: (route: RouteOptions) => void;
}

/** Baton's HTTP API: zod schemas are the single source of validation, serialization and OpenAPI. */
export async function buildApi(deps: ApiDependencies): Promise<FastifyInstance> {
  // Fastify types its instance by logger; the API only needs the base logger interface.
  const app = Fastify({ loggerInstance: deps.logger as FastifyBaseLogger });
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  await registerOpenApi(app, deps.version);
  registerOpsRoutes(app, deps);
  const deals = new DealService({
    client: deps.client,
    metrics: deps.metrics,
    taskQueue: deps.taskQueue,
    partnersDir: deps.partnersDir,
    playbookFile: deps.playbookFile,
    temporalUiUrl: deps.temporalUiUrl,
  });
  await app.register(async (scope) => {
    scope.addHook('onRequest', authenticateWith(deps.tokens));
    registerMeRoutes(scope);
    registerDealRoutes(scope, { client: deps.client, deals });
    registerActionRoutes(scope, { deals });
    registerHandoffRoutes(scope, { deals });
    registerInboxRoutes(scope, { client: deps.client, deals });
    registerClaimRoutes(scope, { deals, dataDir: deps.dataDir });
  });
  return app;
}
