import { readFile } from 'node:fs/promises';
import type { Client } from '@temporalio/client';
import { TokenStore } from '../auth/token-store';
import { devLoginEnabled, type EnvConfig } from '../config/env';
import { calendarsForDeal, loadCalendars } from '../config/calendar-files';
import { PlaybookCatalogue } from '../config/playbook-catalogue';
import { DEFAULT_CALENDAR } from '../domain/business-days';
import type { Db } from '../db/connect';
import { readModelCensus } from '../db/read-model/census';
import type { Logger } from '../observability/logger';
import { createMetrics } from './metrics';
import { registerStuckGauge } from './stuck-gauge';
import type { ApiDependencies } from './server';

export type ApiConfig = Pick<
  EnvConfig,
  'BATON_PLAYBOOKS_DIR' | 'BATON_TASK_QUEUE' | 'BATON_TOKENS_FILE' | 'BATON_DEV_LOGIN' | 'TEMPORAL_ADDRESS' | 'BATON_PUBLIC_URL'
>;

/** Everything `buildApi` needs, from the environment's configuration and the open connections. */
export async function apiDependencies(
  config: ApiConfig,
  client: Client,
  db: Db,
  logger: Logger,
  temporalUiUrl?: string,
  consoleDir?: string,
): Promise<ApiDependencies> {
  const tokens = new TokenStore(db);
  const playbooks = await PlaybookCatalogue.load(config.BATON_PLAYBOOKS_DIR);
  logger.info({ dir: config.BATON_PLAYBOOKS_DIR, playbooks: playbooks.ids() }, 'playbooks loaded');
  // A playbook counting business days on a calendar that is not shipped stops the start, not a registration.
  const calendars = await loadCalendars();
  for (const id of playbooks.ids()) calendarsForDeal(calendars, DEFAULT_CALENDAR.id, playbooks.find(id)!);
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  // A scrape is a few aggregate queries on the read model and the claims ledger, whatever the number of deals.
  const metrics = createMetrics(() => readModelCensus(db));
  registerStuckGauge(metrics.registry, client);
  return {
    client,
    db,
    logger,
    tokens,
    metrics,
    taskQueue: config.BATON_TASK_QUEUE,
    playbooks,
    temporalUiUrl,
    version: pkg.version,
    consoleDir,
    // The development people the console offers come from the tokens file's comments.
    tokensFile: config.BATON_TOKENS_FILE,
    devLogin: devLoginEnabled(config),
    secureCookies: config.BATON_PUBLIC_URL?.startsWith('https:') ?? false,
  };
}
