import type { EnvConfig } from '../config/env';
import type { Logger } from '../observability/logger';
import type { ClaimsGateway } from './gateway';
import { HttpClaimsGateway } from './http-gateway';
import { OutboxClaimsGateway } from './outbox-gateway';

export type ClaimsGatewayConfig = Pick<EnvConfig, 'BATON_CLAIMS_ENDPOINT' | 'BATON_CLAIMS_TOKEN' | 'BATON_DATA_DIR'>;

/** The HTTP sink when an endpoint is configured, else the embedded outbox. Logs no secrets. */
export function createClaimsGateway(config: ClaimsGatewayConfig, logger: Logger): ClaimsGateway {
  const dataDir = config.BATON_DATA_DIR;
  if (config.BATON_CLAIMS_ENDPOINT) {
    logger.info({ sink: 'http', host: new URL(config.BATON_CLAIMS_ENDPOINT).host, authenticated: Boolean(config.BATON_CLAIMS_TOKEN) }, 'claims gateway ready');
    return new HttpClaimsGateway({ endpoint: config.BATON_CLAIMS_ENDPOINT, bearerToken: config.BATON_CLAIMS_TOKEN, dataDir });
  }
  logger.info({ sink: 'outbox', dataDir }, 'claims gateway ready');
  return new OutboxClaimsGateway({ dataDir });
}
