import { classifyHttpStatus, readResponseBody } from '../io/http-response';
import { chatPayload, type ChatFormat } from './chat-payload';
import { DeliveryRejectedError } from './delivery-rejected-error';
import type { DeliveryReceipt, Notification, NotificationInput } from './notification-schema';
import { parseNotification, type Notifier } from './notifier';
import type { DeliveryLedger } from './delivery-ledger';

export interface WebhookNotifierOptions {
  /** The incoming-webhook URL. It embeds a secret, so only its host appears in errors. */
  url: string;
  format: ChatFormat;
  ledger: DeliveryLedger;
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Posts each notification to a chat channel (Slack or Teams incoming webhook). */
export class WebhookNotifier implements Notifier {
  private readonly url: URL;

  constructor(private readonly options: WebhookNotifierOptions) {
    this.url = new URL(options.url);
  }

  async send(input: NotificationInput): Promise<DeliveryReceipt[]> {
    const notification = parseNotification(input);
    return [await this.options.ledger.deliverOnce(notification.idempotencyKey, () => this.deliver(notification))];
  }

  private async deliver(notification: Notification): Promise<DeliveryReceipt> {
    const where = `${this.options.format} webhook at ${this.url.host}`;
    let status: number;
    let body: unknown;
    try {
      const response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': notification.idempotencyKey },
        body: JSON.stringify(chatPayload(this.options.format, notification)),
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      status = response.status;
      body = await readResponseBody(response);
    } catch (err) {
      throw new Error(`${where} did not answer: ${(err as Error).message}`, { cause: err });
    }
    const outcome = classifyHttpStatus(status);
    if (outcome === 'permanent') throw new DeliveryRejectedError(`${where} refused the message with HTTP ${status}`);
    if (outcome === 'retryable') throw new Error(`${where} answered HTTP ${status}`);
    return {
      channel: 'webhook',
      idempotencyKey: notification.idempotencyKey,
      deliveredAt: new Date().toISOString(),
      reference: `HTTP ${status}`,
      ...(body === undefined ? {} : { response: (typeof body === 'string' ? body : JSON.stringify(body)).slice(0, 1000) }),
    };
  }
}
