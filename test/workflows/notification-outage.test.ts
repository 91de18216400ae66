import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { latePlanScript } from './fixtures/journeys';
import { journeyEnvironment, ofType, walk } from './journey-support';

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
