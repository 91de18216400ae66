import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebhookCall {
  path: string;
  idempotencyKey: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

/** A chat incoming-webhook on loopback: records every POST; `nextStatuses` answers the next ones. */
export interface WebhookSink {
  url: string;
  calls: WebhookCall[];
  nextStatuses: number[];
  close(): Promise<void>;
}

export async function startWebhookSink(): Promise<WebhookSink> {
  const calls: WebhookCall[] = [];
  const nextStatuses: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({
        path: req.url ?? '',
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
        contentType: req.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
      });
      const status = nextStatuses.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'no_service');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/XXXXSECRET`,
    calls,
    nextStatuses,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
