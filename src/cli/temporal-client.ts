import type { Client } from '@temporalio/client';
import { loadEnvConfig } from '../config/env';
import { connectClient, temporalTarget } from '../temporal/connection';
import { CliFailure, EXIT } from './exit-codes';

/**
 * A client to TEMPORAL_ADDRESS (with TEMPORAL_NAMESPACE and the TLS settings), or, when unset, to
 * the dev server `npm start` runs at BATON_HOST:BATON_TEMPORAL_PORT; unreachable is exit code `unavailable`.
 */
export async function connectTemporal(): Promise<Client> {
  const config = loadEnvConfig();
  const address = config.TEMPORAL_ADDRESS ?? `${config.BATON_HOST}:${config.BATON_TEMPORAL_PORT}`;
  try {
    return await connectClient(temporalTarget(config, address));
  } catch (err) {
    throw new CliFailure(`cannot reach Temporal at ${address} (${(err as Error).message}); start Baton with npm start or set TEMPORAL_ADDRESS`, EXIT.unavailable);
  }
}
