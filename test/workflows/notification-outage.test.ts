import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { latePlanScript, people, salesToCsHandoff, successPlan } from './fixtures/journeys';
import { eventMs, journeyEnvironment, ofType, walk } from './journey-support';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await journeyEnvironment();
});
afterAll(() => env?.teardown());

/** Every delivery fails as a mail server that is down would: retryably, until the day is up. */
const mailDown = {
  async notifyAll(): Promise<never> {
    throw new Error('connect ECONNREFUSED 127.0.0.1:25');
  },
};

it('keeps the ladder on time while notifications cannot be delivered, and records each failed batch', async () => {
  const late = await walk(env, 'mail-down-late', latePlanScript(), { horizon: 'P100D', activities: mailDown });
  const plan = late.view.timeline.filter((e) => e.deadlineId === 'adopt-success-plan' && e.type !== 'deadline.met');
  expect(plan.map((e) => [e.at, e.type])).toEqual([
    ['2021-03-01T12:00:00.000Z', 'deadline.reminder'],
    ['2021-04-02T00:00:00.000Z', 'deadline.reminder'],
    ['2021-04-09T00:00:00.000Z', 'deadline.escalated'],
    ['2021-04-13T00:00:00.000Z', 'deadline.escalated'],
    ['2021-04-16T00:00:00.000Z', 'deadline.breached'],
  ]);
  // Nothing is silently dropped: each undeliverable batch is on the timeline.
  const failed = ofType(late.view.timeline, 'notification.failed');
  expect(failed.length).toBeGreaterThanOrEqual(5);
  expect(failed.flatMap((e) => e.kinds as string[])).toEqual(
    expect.arrayContaining(['handoff.assigned', 'deadline.reminder', 'deadline.escalated', 'deadline.breached']),
  );
});

it('submits a claim that falls due while mail is down within the same simulated hour (by history event times)', async () => {
  // The Sales -> CS handoff notice goes out at booking and cannot be delivered for a day; the plan
  // arrives an hour later and its claim must not wait behind that batch.
  const script = [
    ...salesToCsHandoff('PT10M', 'PT20M'),
    { at: 'PT30M', action: 'step.complete', actor: people.am, step: 'purchase' },
    { at: 'PT40M', action: 'step.complete', actor: people.eng, step: 'implement' },
    { at: 'PT1H', action: 'successPlan.submit', actor: people.csm, plan: successPlan },
  ];
  const result = await walk(env, 'mail-down-claim', script, { horizon: 'P3D', activities: mailDown });
  expect(result.steps.map((s) => s.outcome)).toEqual(script.map(() => 'accepted'));
  const events = result.histories.flatMap((h) => h.history.events ?? []);
  const planAccepted = events.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'successPlan.submit');
  const claimScheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'submitClaim');
  const notifyScheduled = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'notifyAll');
  expect(planAccepted && claimScheduled && notifyScheduled).toBeTruthy();
  // The notice was still being retried when the plan came in...
  expect(eventMs(notifyScheduled!)).toBeLessThan(eventMs(planAccepted!));
  // ...and the claim went out within the hour all the same.
  expect(eventMs(claimScheduled!) - eventMs(planAccepted!)).toBeLessThan(3_600_000);
  expect(ofType(result.view.timeline, 'claim.submitted').map((e) => e.milestone)).toEqual(['adopt:success-plan']);
  expect(ofType(result.view.timeline, 'notification.failed').length).toBeGreaterThanOrEqual(1);
});
