import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { people, successPlan } from './fixtures/journeys';
import { journeyEnvironment, ofType, walk } from './journey-support';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await journeyEnvironment();
});
afterAll(() => env?.teardown());

it('a deal closed as lost sends no rung, no breach and no claim afterwards: its timers stopped and its run ended', async () => {
  const result = await walk(
    env,
    'closed-lost',
    [
      { at: 'P10D', action: 'deal.close', actor: people.am, outcome: 'lost', reason: 'went with a competitor' },
      // After the close: the deal's run has ended, so this is refused and earns nothing.
      { at: 'P20D', action: 'successPlan.submit', actor: people.csm, plan: successPlan },
    ],
    { horizon: 'P400D' },
  );
  const [closed] = ofType(result.view.timeline, 'deal.closed');
  expect(closed).toMatchObject({ actor: people.am, reason: 'went with a competitor', outcome: 'lost', handoffsClosed: ['sales-to-cs'] });
  // The Sales -> CS SLA's 50% reminder (day 7) came before the close; nothing after it.
  expect(result.view.timeline.filter((e) => e.at > closed!.at).map((e) => e.type)).toEqual([]);
  expect(result.notifications.filter((n) => n.kind.startsWith('deadline.')).every((n) => n.idempotencyKey.includes('handoff-sales-to-cs-1'))).toBe(true);
  expect(result.view.deadlines.every((d) => d.status === 'cancelled' || d.status === 'met')).toBe(true);
  expect(result.steps.map((s) => s.outcome)).toEqual(['accepted', 'refused']);
  expect(result.view.claims).toEqual([]);
  expect(result.projection?.closed).toBe(true);
});
