import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the sink does with the next request, instead of answering normally. */
export type SinkMisbehaviour =
  | 'store-then-503' // takes the claim, then reports failure: the client cannot know it was stored
  | 'store-then-drop' // takes the claim, then closes the connection without an answer
  | 'reject-422'
  | 'hang';

export interface ReceivedRequest {
  /** The request's path: the endpoint's for a claim, `<endpoint>/<claimId>/withdrawal` for a withdrawal. */
  path: string | undefined;
  idempotencyKey: string | undefined;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/**
 * A vendor claims endpoint on loopback that keeps one claim per Idempotency-Key: a new key gets
 * 201 and a receipt id, a repeated key 409 with the original receipt id.
 */
export interface ClaimsSink {
  url: string;
  port: number;
  requests: ReceivedRequest[];
  stored: Map<string, { receiptId: string; body: unknown }>;
  next: SinkMisbehaviour[];
  /** Runs after a claim is stored and before it is answered, e.g. to crash the client meanwhile. */
  beforeAnswer?: (request: ReceivedRequest) => Promise<void>;
  close(): Promise<void>;
}

/**
 * `kept` carries what a stopped sink had received and stored into the next one on the same port,
 * as a vendor's endpoint keeps its claims across an outage.
 */
export async function startClaimsSink(port = 0, kept?: Pick<ClaimsSink, 'requests' | 'stored'>): Promise<ClaimsSink> {
  const requests: ReceivedRequest[] = kept?.requests ?? [];
  const stored = kept?.stored ?? new Map<string, { receiptId: string; body: unknown }>();
  const next: SinkMisbehaviour[] = [];
  const sink = {} as ClaimsSink;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const key = req.headers['idempotency-key'] as string | undefined;
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
      const request = { path: req.url, idempotencyKey: key, headers: req.headers, body };
      requests.push(request);
      const misbehaviour = next.shift();
      if (misbehaviour === 'hang') return;
      if (misbehaviour === 'reject-422') {
        res.writeHead(422, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'milestone not eligible' }));
        return;
      }
      if (!key) {
        res.writeHead(400).end('Idempotency-Key required');
        return;
      }
      const original = stored.get(key);
      if (!original) stored.set(key, { receiptId: `VND-${stored.size + 1}`, body });
      await sink.beforeAnswer?.(request);
      if (misbehaviour === 'store-then-503') {
        res.writeHead(503).end('temporarily unavailable');
        return;
      }
      if (misbehaviour === 'store-then-drop') {
        req.socket.destroy();
        return;
      }
      const receiptId = stored.get(key)!.receiptId;
      res
        .writeHead(original ? 409 : 201, { 'content-type': 'application/json' })
        .end(JSON.stringify(original ? { error: 'already exists', receiptId } : { receiptId }));
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actual = (server.address() as AddressInfo).port;
  return Object.assign(sink, {
    url: `http://127.0.0.1:${actual}/claims`,
    port: actual,
    requests,
    stored,
    next,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** A loopback port with nothing listening on it (taken, then released). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
