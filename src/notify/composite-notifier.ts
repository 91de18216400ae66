import type { DeliveryReceipt, NotificationInput } from './notification-schema';
import { parseNotification, type Notifier } from './notifier';

/**
 * Some channels failed. Retryable unless every failure is permanent; a retry re-sends only the
 * failed channels, because the others find the notification in their sent-ledger.
 */
export class NotificationDeliveryError extends Error {
  readonly nonRetryable: boolean;

  constructor(readonly failures: readonly Error[]) {
    super(`${failures.length} notification channel(s) failed: ${failures.map((f) => f.message).join('; ')}`);
    this.name = 'NotificationDeliveryError';
    this.nonRetryable = failures.every((f) => (f as { nonRetryable?: unknown }).nonRetryable === true);
  }
}

/** Sends through every configured channel; one channel failing does not stop the others. */
export class CompositeNotifier implements Notifier {
  constructor(private readonly channels: readonly Notifier[]) {
    if (channels.length === 0) throw new RangeError('a composite notifier needs at least one channel');
  }

  async send(input: NotificationInput): Promise<DeliveryReceipt[]> {
    const notification = parseNotification(input);
    const results = await Promise.allSettled(this.channels.map((channel) => channel.send(notification)));
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason instanceof Error ? r.reason : new Error(String(r.reason))] : []));
    if (failures.length > 0) throw new NotificationDeliveryError(failures);
    return results.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
  }
}
