import { log } from '@temporalio/workflow';
import type { NotificationRequest } from '../../activities/notify';
import { notifyAll } from './activities';
import type { DealContext } from './context';
import { record } from './timeline';

/**
 * Notification batches delivered beside the deal's work, not in its way: a mail or chat outage
 * (a day of retries) must not delay a claim, a handoff or a deadline. The deal waits for them
 * only before it continues as new or completes, so that a failed batch still reaches the timeline.
 */
export class BackgroundDeliveries {
  private inFlight = 0;

  constructor(private readonly ctx: DealContext) {}

  get idle(): boolean {
    return this.inFlight === 0;
  }

  start(requests: NotificationRequest[]): void {
    this.inFlight += 1;
    void deliver(this.ctx, requests).finally(() => {
      this.inFlight -= 1;
      this.ctx.changed = true;
    });
  }
}

/** One batch; an undeliverable one is recorded on the timeline, never dropped silently. */
export async function deliver(ctx: DealContext, requests: NotificationRequest[]): Promise<void> {
  try {
    await notifyAll(requests);
  } catch (err) {
    log.warn('notifications not delivered', { error: String(err), count: requests.length });
    record(ctx, 'notification.failed', { kinds: [...new Set(requests.map((r) => r.kind))], count: requests.length, error: String(err) });
  }
}
