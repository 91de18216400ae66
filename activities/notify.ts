import { ApplicationFailure } from '@temporalio/activity';
import { dealPagePath } from '../src/api/console-pages';
import type { Notifier } from '../src/notify/notifier';
import type { DeliveryReceipt, NotificationInput } from '../src/notify/notification-schema';

/** A notification as workflows build it: the activity adds the link, which depends on deployment. */
export type NotificationRequest = Omit<NotificationInput, 'link'> & { partnerId: string };

export interface NotifyDependencies {
  notifier: Notifier;
  /** Base URL of the Baton API and its web console, used in links sent to people. */
  publicUrl: string;
}

/** The deal's page in the web console, which the API serves at BATON_PUBLIC_URL. */
function dealLink(publicUrl: string, partnerId: string, dealId: string): string {
  return new URL(dealPagePath(partnerId, dealId).slice(1), publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`).toString();
}

/** Delivery is at most once per idempotency key (the notifier's ledger), so retries are safe. */
export function createNotifyActivities({ notifier, publicUrl }: NotifyDependencies) {
  async function notify(request: NotificationRequest): Promise<DeliveryReceipt[]> {
    const { partnerId, ...notification } = request;
    try {
      return await notifier.send({ ...notification, link: dealLink(publicUrl, partnerId, request.dealId) });
    } catch (err) {
      if (err instanceof Error && (err as { nonRetryable?: boolean }).nonRetryable) {
        throw ApplicationFailure.nonRetryable(err.message, err.name);
      }
      throw err;
    }
  }

  /** Everything one wake-up of a deal has to say, in one activity to keep the history short. */
  async function notifyAll(requests: NotificationRequest[]): Promise<DeliveryReceipt[][]> {
    const receipts: DeliveryReceipt[][] = [];
    for (const request of requests) receipts.push(await notify(request));
    return receipts;
  }

  return { notify, notifyAll };
}
