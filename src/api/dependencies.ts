import { readFile } from 'node:fs/promises';
import type { Client } from '@temporalio/client';
import { TokenStore } from '../auth/token-store';
import type { EnvConfig } from '../config/env';
import type { Logger } from '../observability/logger';
import { getDealView } from '../temporal/deal-client';
import { dealCensus } from './census';
import { createMetrics } from './metrics';
import type { ApiDependencies } from './server';

export type ApiConfig = Pick<EnvConfig, 'BATON_TOKENS_FILE' | 'BATON_PARTNERS_DIR' | 'BATON_DATA_DIR' | 'BATON_TASK_QUEUE'> & Partial<Pick<EnvConfig, 'BATON_PLAYBOOK_FILE'>>;

/** Everything `buildApi` needs, from the environment's configuration. */
export async function apiDependencies(config: ApiConfig, client: Client, logger: Logger, temporalUiUrl?: string): Promise<ApiDependencies> {
  const tokens = await TokenStore.open(config.BATON_TOKENS_FILE, (err) => logger.error({ file: config.BATON_TOKENS_FILE, problem: err.message }, 'tokens file unreadable: keeping the tokens loaded before'));
  logger.info({ file: config.BATON_TOKENS_FILE, tokens: tokens.size }, 'API tokens loaded');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return {
    client,
    logger,
    tokens,
    metrics: createMetrics(dealCensus(client, (workflowId) => getDealView(client, { workflowId }))),
    taskQueue: config.BATON_TASK_QUEUE,
    partnersDir: config.BATON_PARTNERS_DIR,
    playbookFile: config.BATON_PLAYBOOK_FILE,
    dataDir: config.BATON_DATA_DIR,
    temporalUiUrl,
    version: pkg.version,
  };
}
