import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  envelopeTo: string[];
  /** Header name (lower case) → unfolded value. */
  headers: Map<string, string>;
  /** The text body, quoted-printable decoded. */
  text: string;
}

export interface SmtpSink {
  port: number;
  messages: ReceivedMail[];
  logins: { username: string; password: string }[];
  close(): Promise<void>;
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function parseMessage(raw: string, envelopeTo: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers = new Map(
    head.split('\r\n').map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()] as const;
    }),
  );
  const body = raw.slice(split + 4);
  const text = headers.get('content-transfer-encoding') === 'quoted-printable' ? decodeQuotedPrintable(body) : body;
  return { envelopeTo, headers, text };
}

/**
 * A real SMTP server on loopback that keeps what it accepts; logins are optional. `messages` carries
 * what a stopped sink had accepted into the next one on the same port.
 */
export async function startSmtpSink(port = 0, messages: ReceivedMail[] = []): Promise<SmtpSink> {
  const logins: { username: string; password: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth, _session, callback) {
      logins.push({ username: auth.username ?? '', password: auth.password ?? '' });
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push(parseMessage(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address)));
        callback();
      });
    },
  });
  // A sender that drops its connection (a worker SIGKILLed mid-send) resets it; the sink carries on.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    messages,
    logins,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
