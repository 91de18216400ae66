import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import { DeliveryRejectedError } from './delivery-rejected-error';
import type { DeliveryReceipt, Notification, NotificationInput } from './notification-schema';
import { parseNotification, type Notifier } from './notifier';
import type { DeliveryLedger } from './delivery-ledger';

export interface EmailNotifierOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`; the password is never logged or put in errors. */
  smtpUrl: string;
  /** `baton@example.com` or `Baton <baton@example.com>`. */
  from: string;
  ledger: DeliveryLedger;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 20_000;

/** The same for every attempt, so mail clients and servers can drop a duplicate. */
export function messageIdFor(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@baton>`;
}

export function emailText(notification: Notification): string {
  return `${notification.body}\n\nOpen the deal in Baton: ${notification.link}\n`;
}

interface SmtpError {
  responseCode?: number;
  code?: string;
}

/** One message per notification, to all recipients, over SMTP. */
export class EmailNotifier implements Notifier {
  private readonly transport;
  private readonly server: string;

  constructor(private readonly options: EmailNotifierOptions) {
    const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.transport = createTransport({ url: options.smtpUrl, connectionTimeout: timeout, greetingTimeout: timeout, socketTimeout: timeout });
    this.server = new URL(options.smtpUrl).host;
  }

  async send(input: NotificationInput): Promise<DeliveryReceipt[]> {
    const notification = parseNotification(input);
    return [await this.options.ledger.deliverOnce(notification.idempotencyKey, () => this.deliver(notification))];
  }

  private async deliver(notification: Notification): Promise<DeliveryReceipt> {
    const messageId = messageIdFor(notification.idempotencyKey);
    let info;
    try {
      info = await this.transport.sendMail({
        from: this.options.from,
        to: notification.recipients.map((r) => ({ name: r.name, address: r.personId })),
        subject: notification.title,
        text: emailText(notification),
        messageId,
        headers: { 'X-Baton-Idempotency-Key': notification.idempotencyKey, 'X-Baton-Deal': notification.dealId },
      });
    } catch (err) {
      const { responseCode, code } = err as SmtpError;
      const message = `e-mail via ${this.server} failed: ${(err as Error).message}`;
      // 5xx replies (unknown mailbox, bad credentials) and unusable envelopes stay so on retry.
      const permanent = (responseCode !== undefined && responseCode >= 500) || (responseCode === undefined && code === 'EENVELOPE');
      throw permanent ? new DeliveryRejectedError(message, { cause: err }) : new Error(message, { cause: err });
    }
    const rejected = info.rejected.length > 0 ? `; rejected ${info.rejected.join(', ')}` : '';
    return {
      channel: 'email',
      idempotencyKey: notification.idempotencyKey,
      deliveredAt: new Date().toISOString(),
      reference: messageId,
      response: `${info.response}${rejected}`.slice(0, 1000),
    };
  }
}
