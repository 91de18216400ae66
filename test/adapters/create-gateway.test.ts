import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClaimsGateway } from '../../src/claims/create-gateway';
import { loadEnvConfig } from '../../src/config/env';
import { draftClaim } from './support/claim-fixture';
import { startClaimsSink, type ClaimsSink } from './support/claims-sink';
import { memoryLogger } from './support/memory-logger';

let dataDir: string;
let sink: ClaimsSink;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'baton-gateway-'));
  sink = await startClaimsSink();
});
afterEach(async () => {
  await sink.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('createClaimsGateway', () => {
  it('uses the outbox when no claims endpoint is configured', async () => {
    const { logger, lines } = memoryLogger();
    const receipt = await createClaimsGateway(loadEnvConfig({ BATON_DATA_DIR: dataDir }), logger).submit(draftClaim());
    expect(receipt.sink).toBe('outbox');
    expect(sink.requests).toHaveLength(0);
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'claims gateway ready', sink: 'outbox' });
  });

  it('POSTs to the configured endpoint with the token, and logs only its host', async () => {
    const { logger, lines } = memoryLogger();
    const config = loadEnvConfig({ BATON_DATA_DIR: dataDir, BATON_CLAIMS_ENDPOINT: `${sink.url}?key=qs-secret`, BATON_CLAIMS_TOKEN: 'tok-secret' });
    const receipt = await createClaimsGateway(config, logger).submit(draftClaim());
    expect(receipt).toMatchObject({ sink: 'http', reference: 'VND-1' });
    expect(sink.requests[0]!.headers['authorization']).toBe('Bearer tok-secret');
    expect(JSON.parse(lines[0]!)).toMatchObject({ msg: 'claims gateway ready', sink: 'http', host: new URL(sink.url).host, authenticated: true });
    expect(lines.join('\n')).not.toMatch(/secret/);
  });
});
