import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listClaims } from '../../src/claims/claim-outbox';
import { ClaimRejectedError } from '../../src/claims/claim-rejected-error';
import { ClaimSinkUnavailableError, HttpClaimsGateway } from '../../src/claims/http-gateway';
import { draftClaim } from './support/claim-fixture';
import { freePort, startClaimsSink, type ClaimsSink } from './support/claims-sink';
import { retryLikeTemporal } from './support/retry';

let dataDir: string;
let sink: ClaimsSink | undefined;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'baton-http-claims-'));
});
afterEach(async () => {
  await sink?.close();
  sink = undefined;
  await rm(dataDir, { recursive: true, force: true });
});

describe('HttpClaimsGateway', () => {
  it('POSTs the submitted claim with its Idempotency-Key and records the sink receipt', async () => {
    sink = await startClaimsSink();
    const gateway = new HttpClaimsGateway({ endpoint: sink.url, dataDir, bearerToken: 's3cret-token', now: () => new Date('2021-03-03T08:00:00Z') });
    const receipt = await gateway.submit(draftClaim());
    const key = 'northwind:acme-2021-17:vendor-lifecycle@2021:adopt:success-plan';
    expect(receipt).toMatchObject({ idempotencyKey: key, sink: 'http', reference: 'VND-1', httpStatus: 201, response: { receiptId: 'VND-1' } });
    expect(sink.requests).toHaveLength(1);
    const [request] = sink.requests;
    expect(request!.idempotencyKey).toBe(key);
    expect(request!.headers['authorization']).toBe('Bearer s3cret-token');
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.body).toMatchObject({ idempotencyKey: key, status: 'submitted', submittedAt: '2021-03-03T08:00:00.000Z', amountUsd: 5000 });
    expect(request!.body).not.toHaveProperty('sinkReceipt');
    expect(await listClaims(dataDir)).toMatchObject([{ idempotencyKey: key, status: 'submitted', sinkReceipt: receipt }]);
  });

  it('withdraws a claim by POSTing to its withdrawal path with its own Idempotency-Key, once at the sink however often it is sent', async () => {
    sink = await startClaimsSink();
    const gateway = new HttpClaimsGateway({ endpoint: sink.url, dataDir, now: () => new Date('2021-04-01T09:00:00Z') });
    const { claimId, idempotencyKey } = await gateway.submit(draftClaim());
    const withdrawal = { claimId, idempotencyKey, reason: 'filed on the wrong deal', by: 'ana@partner.example', withdrawnAt: '2021-04-01T08:59:00.000Z' };
    expect(await gateway.withdraw(withdrawal)).toEqual({ sink: 'http', receivedAt: '2021-04-01T09:00:00.000Z', reference: 'VND-2' });
    expect(await gateway.withdraw(withdrawal)).toMatchObject({ reference: 'VND-2' });
    const sent = sink.requests.slice(1);
    expect(sent.map((r) => [r.path, r.idempotencyKey])).toEqual([
      [`/claims/${claimId}/withdrawal`, `${idempotencyKey}:withdrawal`],
      [`/claims/${claimId}/withdrawal`, `${idempotencyKey}:withdrawal`],
    ]);
    expect(sent[0]!.body).toEqual(withdrawal);
    expect(sink.stored.size).toBe(2);
    // The local record says withdrawn once, with who and why.
    const [stored] = await listClaims(dataDir);
    expect(stored!.status).toBe('withdrawn');
    expect(stored!.statusHistory.filter((h) => h.status === 'withdrawn')).toEqual([{ status: 'withdrawn', at: '2021-04-01T08:59:00.000Z', note: 'withdrawn by ana@partner.example: filed on the wrong deal' }]);
  });

  it('sends a claim it already has a receipt for no second time', async () => {
    sink = await startClaimsSink();
    const gateway = new HttpClaimsGateway({ endpoint: sink.url, dataDir });
    const first = await gateway.submit(draftClaim());
    expect(await gateway.submit(draftClaim())).toEqual(first);
    expect(sink.requests).toHaveLength(1);
  });

  it.each(['store-then-503', 'store-then-drop'] as const)(
    'an activity that fails after the sink received the claim (%s) is retried, and the sink holds one claim',
    async (misbehaviour) => {
      sink = await startClaimsSink();
      sink.next.push(misbehaviour);
      const gateway = new HttpClaimsGateway({ endpoint: sink.url, dataDir });
      const { result, failures } = await retryLikeTemporal(() => gateway.submit(draftClaim()));
      expect(failures).toHaveLength(1);
      expect(failures[0]).toBeInstanceOf(ClaimSinkUnavailableError);
      expect(sink.requests).toHaveLength(2);
      expect(sink.requests.map((r) => r.idempotencyKey)).toEqual([result.idempotencyKey, result.idempotencyKey]);
      expect(sink.stored.size).toBe(1);
      // The sink answered the retry with 409 and the original receipt id.
      expect(result).toMatchObject({ reference: 'VND-1', httpStatus: 409 });
    },
  );

  it('treats a permanent refusal as non-retryable and keeps the sink answer', async () => {
    sink = await startClaimsSink();
    sink.next.push('reject-422');
    const gateway = new HttpClaimsGateway({ endpoint: sink.url, dataDir });
    const error = await gateway.submit(draftClaim()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClaimRejectedError);
    expect(error).toMatchObject({ nonRetryable: true, httpStatus: 422, response: { error: 'milestone not eligible' } });
    expect((error as Error).message).toMatch(/^claims endpoint 127\.0\.0\.1:\d+ refused claim clm-[0-9a-f]{16} with HTTP 422$/);
    expect(await listClaims(dataDir)).toEqual([]);
  });

  it('retries while the endpoint is down and succeeds once it comes up', async () => {
    const port = await freePort();
    const gateway = new HttpClaimsGateway({ endpoint: `http://127.0.0.1:${port}/claims`, dataDir });
    const down = await gateway.submit(draftClaim()).catch((e: unknown) => e);
    expect(down).toBeInstanceOf(ClaimSinkUnavailableError);
    expect(down).toMatchObject({ nonRetryable: false, message: expect.stringContaining('ECONNREFUSED') });
    sink = await startClaimsSink(port);
    const receipt = await gateway.submit(draftClaim());
    expect(receipt).toMatchObject({ reference: 'VND-1', httpStatus: 201 });
    expect(sink.stored.size).toBe(1);
  });

  it('gives up on a request that takes longer than the timeout, as retryable', async () => {
    sink = await startClaimsSink();
    sink.next.push('hang');
    const gateway = new HttpClaimsGateway({ endpoint: sink.url, dataDir, timeoutMs: 200 });
    const { result, failures } = await retryLikeTemporal(() => gateway.submit(draftClaim()));
    expect(failures[0]).toBeInstanceOf(ClaimSinkUnavailableError);
    expect(failures[0]!.message).toMatch(/aborted due to timeout/);
    expect(result.reference).toBe('VND-1');
    expect(sink.stored.size).toBe(1);
  });

  it('never puts the endpoint path or query (which may hold credentials) in errors', async () => {
    const port = await freePort();
    const gateway = new HttpClaimsGateway({ endpoint: `http://127.0.0.1:${port}/claims?apikey=topsecret`, dataDir });
    const error = (await gateway.submit(draftClaim()).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain(`127.0.0.1:${port}`);
    expect(error.message).not.toContain('topsecret');
  });
});
