import { formatZodError } from '../domain/schemas/errors';
import { DeliveryRejectedError } from './delivery-rejected-error';
import { Notification, type DeliveryReceipt, type NotificationInput } from './notification-schema';

/**
 * Tells people about a deal event. `send` is at most once per idempotencyKey and channel, and
 * resolves with one receipt per channel; it throws DeliveryRejectedError (`nonRetryable`) when a
 * retry cannot help, any other error when it can.
 */
export interface Notifier {
  send(notification: NotificationInput): Promise<DeliveryReceipt[]>;
}

/** The boundary check every notifier runs first. */
export function parseNotification(input: NotificationInput): Notification {
  const result = Notification.safeParse(input);
  if (!result.success) throw new DeliveryRejectedError(`the notification is invalid:\n${formatZodError(result.error)}`);
  return result.data;
}
