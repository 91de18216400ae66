import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnvConfig } from '../../src/config/env';

describe('environment configuration', () => {
  it('defaults to the embedded single-machine run', () => {
    const config = loadEnvConfig({});
    expect(config.TEMPORAL_ADDRESS).toBeUndefined();
    expect(config).toMatchObject({ TEMPORAL_NAMESPACE: 'default', BATON_TASK_QUEUE: 'baton', BATON_HTTP_PORT: 3000 });
  });

  it('names every bad variable and its rule', () => {
    let error: unknown;
    try {
      loadEnvConfig({ BATON_HTTP_PORT: 'eighty', TEMPORAL_ADDRESS: 'no-port' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/BATON_HTTP_PORT: must be a port number/);
    expect(message).toMatch(/TEMPORAL_ADDRESS: must be host:port/);
  });

  it('refuses half a TLS client certificate pair', () => {
    expect(() => loadEnvConfig({ TEMPORAL_TLS_CERT: '/c.pem' })).toThrow(
      /TEMPORAL_TLS_KEY: TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY must be set together/,
    );
  });
});
