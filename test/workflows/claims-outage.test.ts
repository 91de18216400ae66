import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { people, successPlan } from './fixtures/journeys';
import { eventMs, journeyEnvironment, ofType, walk } from './journey-support';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await journeyEnvironment();
});
afterAll(() => env?.teardown());

/** The vendor's claims endpoint down for good: every submission fails retryably, as a refused connection does. */
const claimsDown = {
  async submitClaim(): Promise<never> {
    throw new Error('connect ECONNREFUSED 127.0.0.1:8443');
  },
};

it('keeps the ladder on its instants while a claim waits out a claims outage (by history event times)', async () => {
  // The success plan earns its claim an hour after booking, and the claims endpoint never answers.
  // The Sales -> CS handoff is left open, so its ladder falls due over the next days: each rung must
  // be acted on when its timer fires, not once the claim gets through (the loop used to wait for it).
  const script = [
    { at: 'PT30M', action: 'step.complete', actor: people.am, step: 'purchase' },
    { at: 'PT40M', action: 'step.complete', actor: people.eng, step: 'implement' },
    { at: 'PT1H', action: 'successPlan.submit', actor: people.csm, plan: successPlan },
  ];
  const result = await walk(env, 'claims-down-ladder', script, { horizon: 'P20D', activities: claimsDown });
  expect(result.steps.map((s) => s.outcome)).toEqual(script.map(() => 'accepted'));

  const ladder = result.view.timeline.filter((e) => e.deadlineId === 'handoff-sales-to-cs-1');
  expect(ladder.map((e) => [e.at, e.type, e.rung ?? ''])).toEqual([
    ['2021-01-22T00:00:00.000Z', 'deadline.reminder', 'remind-half-window'],
    ['2021-01-22T00:00:00.000Z', 'deadline.escalated', 'escalate-accountable'],
    ['2021-01-26T00:00:00.000Z', 'deadline.escalated', 'escalate-lead'],
    ['2021-01-29T00:00:00.000Z', 'deadline.breached', ''],
  ]);
  const events = result.histories.flatMap((h) => h.history.events ?? []);
  const planAccepted = events.find((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'successPlan.submit');
  const firstClaim = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'submitClaim');
  expect(planAccepted && firstClaim).toBeTruthy();
  // Each rung's notification batch scheduled at its instant, within a simulated minute (one batch
  // for the two rungs of the 22nd). The deal's business clock runs in 2021 and the server's now, so
  // both are counted from the plan's acceptance.
  const planAt = Date.parse(String(ofType(result.view.timeline, 'successPlan.submitted')[0]!.at));
  const batches = events.filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === 'notifyAll' && eventMs(e) > eventMs(planAccepted!));
  const instants = ['2021-01-22T00:00:00.000Z', '2021-01-26T00:00:00.000Z', '2021-01-29T00:00:00.000Z'];
  expect(batches).toHaveLength(instants.length);
  batches.forEach((batch, i) => {
    const lateMs = eventMs(batch) - eventMs(planAccepted!) - (Date.parse(instants[i]!) - planAt);
    expect(Math.abs(lateMs), instants[i]).toBeLessThan(60_000);
  });
  // The claim is still being retried, and the plan's own deadline was closed as met, not escalated.
  expect(ofType(result.view.timeline, 'claim.submitted')).toEqual([]);
  expect(result.view.timeline.filter((e) => e.deadlineId === 'adopt-success-plan').map((e) => e.type)).toEqual(['deadline.met']);
});
