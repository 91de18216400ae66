import { readFileSync } from 'node:fs';
import { Client, Connection, type ConnectionOptions } from '@temporalio/client';
import { NativeConnection, type NativeConnectionOptions } from '@temporalio/worker';
import type { EnvConfig } from '../config/env';

type TlsOptions = NonNullable<ConnectionOptions['tls']>;

function tlsOptions(config: EnvConfig): TlsOptions | undefined {
  if (!config.TEMPORAL_TLS && !config.TEMPORAL_TLS_CERT) return undefined;
  return {
    serverNameOverride: config.TEMPORAL_TLS_SERVER_NAME,
    serverRootCACertificate: config.TEMPORAL_TLS_CA ? readFileSync(config.TEMPORAL_TLS_CA) : undefined,
    clientCertPair:
      config.TEMPORAL_TLS_CERT && config.TEMPORAL_TLS_KEY
        ? { crt: readFileSync(config.TEMPORAL_TLS_CERT), key: readFileSync(config.TEMPORAL_TLS_KEY) }
        : undefined,
  };
}

export interface TemporalTarget {
  address: string;
  namespace: string;
  tls?: TlsOptions;
  apiKey?: string;
}

export function temporalTarget(config: EnvConfig, address: string): TemporalTarget {
  return { address, namespace: config.TEMPORAL_NAMESPACE, tls: tlsOptions(config), apiKey: config.TEMPORAL_API_KEY };
}

export async function connectClient(target: TemporalTarget): Promise<Client> {
  const connection = await Connection.connect({ address: target.address, tls: target.tls, apiKey: target.apiKey });
  return new Client({ connection, namespace: target.namespace });
}

export function connectWorker(target: TemporalTarget): Promise<NativeConnection> {
  const options: NativeConnectionOptions = { address: target.address, tls: target.tls, apiKey: target.apiKey };
  return NativeConnection.connect(options);
}
