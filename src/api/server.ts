import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type RouteOptions } from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import type { Client } from '@temporalio/client';
import type { TokenStore } from '../auth/token-store';
import type { PlaybookCatalogue } from '../config/playbook-catalogue';
import type { Db } from '../db/connect';
import type { Logger } from '../observability/logger';
import { authenticateWith } from './authenticate';
import { DealService } from './deal-service';
import { registerConsole } from './console';
import { installErrorHandler } from './error-handler';
import type { BatonMetrics } from './metrics';
import { registerOpenApi } from './openapi';
import { registerActionRoutes } from './routes/actions';
import { registerBoardRoutes } from './routes/board';
import { registerClaimRoutes } from './routes/claims';
import { registerDealRoutes } from './routes/deals';
import { registerForecastRoutes } from './routes/forecast';
import { registerHealthRoutes } from './routes/health';
import { registerHandoffRoutes } from './routes/handoffs';
import { registerImportRoutes } from './routes/imports';
import { registerReconciliationRoutes } from './routes/reconciliations';
import { ImportService } from './import-service';
import { registerInboxRoutes } from './routes/inbox';
import { registerMeRoutes } from './routes/me';
import { registerOpsRoutes } from './routes/ops';
import { registerPeopleRoutes } from './routes/people';
import { registerRepairRoutes } from './routes/repair';
import { registerTokenRoutes } from './routes/tokens';
import { registerPlaybookRoutes } from './routes/playbook';
import { registerProgramRoutes } from './routes/program';
import { registerSessionRoutes } from './routes/session';
import { zodValidatorCompiler } from './validation';

export interface ApiDependencies {
  client: Client;
  /** Baton's business database: claims ledger, partner profiles, tokens. */
  db: Db;
  logger: Logger;
  tokens: TokenStore;
  metrics: BatonMetrics;
  /** The worker's task queue: deal workflows registered over the API run there. */
  taskQueue: string;
  /** The playbooks bookings may name (BATON_PLAYBOOKS_DIR), validated at start. */
  playbooks: PlaybookCatalogue;
  /** Temporal Web UI base URL, for links to a deal's raw event history; no links when unset. */
  temporalUiUrl?: string;
  version: string;
  /** The built web console (web/dist) served at `/`; none when unset. */
  consoleDir?: string;
  /** The tokens file, which the development sign-in reads the development people from. */
  tokensFile: string;
  /** BATON_DEV_LOGIN: the console offers the development people to sign in as, without a token. */
  devLogin: boolean;
  /** Secure session cookies: the console is reached over HTTPS. */
  secureCookies: boolean;
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
  await app.register(fastifyCookie);
  const consoleSite = deps.consoleDir ? await registerConsole(app, deps.consoleDir) : undefined;
  installErrorHandler(app, consoleSite);
  await registerOpenApi(app, deps.version);
  registerOpsRoutes(app, deps);
  registerSessionRoutes(app, { tokens: deps.tokens, tokensFile: deps.tokensFile, devLogin: deps.devLogin, cookie: { secure: deps.secureCookies } });
  const deals = new DealService({
    client: deps.client,
    metrics: deps.metrics,
    taskQueue: deps.taskQueue,
    playbooks: deps.playbooks,
    db: deps.db,
    temporalUiUrl: deps.temporalUiUrl,
  });
  await app.register(async (scope) => {
    scope.addHook('onRequest', authenticateWith(deps.tokens));
    registerMeRoutes(scope);
    registerDealRoutes(scope, { db: deps.db, deals });
    registerActionRoutes(scope, { deals });
    registerHandoffRoutes(scope, { deals });
    registerInboxRoutes(scope, { db: deps.db, deals });
    registerClaimRoutes(scope, { deals, db: deps.db });
    registerTokenRoutes(scope, { db: deps.db });
    registerPeopleRoutes(scope, { deals, db: deps.db });
    registerRepairRoutes(scope, { client: deps.client });
    registerPlaybookRoutes(scope, { deals });
    registerProgramRoutes(scope);
    registerBoardRoutes(scope, { db: deps.db });
    registerReconciliationRoutes(scope, { db: deps.db });
    registerImportRoutes(scope, { imports: new ImportService({ client: deps.client, db: deps.db, taskQueue: deps.taskQueue, playbooks: deps.playbooks }) });
    registerForecastRoutes(scope, { db: deps.db, playbooks: deps.playbooks });
    registerHealthRoutes(scope, { client: deps.client });
  });
  return app;
}
