import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type * as activities from '../../activities';

/** The deal's side effects, each with the timeouts and retries its business needs. */

export const { notifyAll } = proxyActivities<activities.BatonActivities>({
  startToCloseTimeout: '1 minute',
  // A notification that cannot be delivered within a day is recorded as failed on the timeline,
  // not retried forever.
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '30 minutes' },
});

export const { submitClaim } = proxyActivities<activities.BatonActivities>({
  startToCloseTimeout: '1 minute',
  // A claim is money: retried until the sink takes it or rejects it for good.
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

export const { withdrawClaim } = proxyActivities<activities.BatonActivities>({
  startToCloseTimeout: '1 minute',
  // The vendor must hear of a withdrawal as surely as of the claim.
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '1 hour' },
});

export const { reserveAdoptionSlot } = proxyActivities<activities.BatonActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * A local activity: a short upsert recorded as one marker in the task that asked for it, instead
 * of its own scheduled, started and completed events and a task to hear of it. The read model
 * catches up whenever the database is back; the deal never waits on it.
 */
export const { projectDeal } = proxyLocalActivities<activities.BatonActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

export const { startHandoff } = proxyActivities<activities.BatonActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});
