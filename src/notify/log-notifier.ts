import type { Logger } from '../observability/logger';
import type { DeliveryReceipt, NotificationInput } from './notification-schema';
import { parseNotification, type Notifier } from './notifier';

/** The fallback when no e-mail or chat channel is configured: a structured log line, never silence. */
export class LogNotifier implements Notifier {
  constructor(private readonly logger: Logger) {}

  async send(input: NotificationInput): Promise<DeliveryReceipt[]> {
    const n = parseNotification(input);
    this.logger.info(
      {
        notification: {
          idempotencyKey: n.idempotencyKey,
          kind: n.kind,
          dealId: n.dealId,
          title: n.title,
          body: n.body,
          link: n.link,
          recipients: n.recipients.map((r) => ({ personId: r.personId, role: r.role })),
        },
      },
      `notification: ${n.title}`,
    );
    return [{ channel: 'log', idempotencyKey: n.idempotencyKey, deliveredAt: new Date().toISOString(), reference: 'log' }];
  }
}
