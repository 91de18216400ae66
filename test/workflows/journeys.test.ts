import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { architectureKey, dealValueKey, nextDeadlineKey, openTaskOwnersKey, stageKey, stepKey } from '../../src/temporal/search-attributes';
import type { ScriptStep } from '../../src/simulation/script';
import {
  extendedScript,
  intersightEvidence,
  latePlanScript,
  onboardedScript,
  onTimeScript,
  outcomesReport,
  partner,
  people,
  reassignedScript,
  returnedHandoffScript,
  salesToCsHandoff,
  triggeredScript,
} from './fixtures/journeys';
import { journeyEnvironment, ofType, summary, walk } from './journey-support';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await journeyEnvironment();
});
afterAll(() => env?.teardown());

const step = (at: string, action: string, actor: string, payload: Record<string, unknown> = {}): ScriptStep => ({ at, action, actor, ...payload });
const ESCALATION_TYPES = ['deadline.reminder', 'deadline.escalated', 'deadline.breached'];

describe('a deal that does everything on time', () => {
  it('walks Land to Expand with no escalation, one claim per milestone, in a short history', async () => {
    const result = await walk(env, 'on-time', onTimeScript());
    const { timeline, claims } = result.view;

    expect(result.steps.filter((s) => s.outcome !== 'accepted')).toEqual([]);
    expect(summary(timeline, ['deal.registered', 'stage.entered', 'handoff.started', 'handoff.accepted', 'successPlan.submitted', 'claim.submitted', 'renewal.prompted', 'lifecycle.completed'])).toEqual([
      '2021-01-15 deal.registered ana.moreno',
      '2021-01-15 stage.entered',
      '2021-01-15 handoff.started',
      '2021-01-16 stage.entered',
      '2021-01-20 handoff.accepted chris.lee',
      '2021-02-14 successPlan.submitted chris.lee',
      '2021-02-14 claim.submitted',
      '2021-02-15 stage.entered',
      '2021-03-16 claim.submitted',
      '2021-06-14 claim.submitted',
      '2021-06-24 stage.entered',
      '2021-07-19 renewal.prompted',
      '2021-07-19 handoff.started',
      '2021-07-24 handoff.accepted rita.gomez',
      '2021-07-31 stage.entered',
      '2021-09-22 claim.submitted',
      '2021-09-23 lifecycle.completed',
    ]);
    expect(ofType(timeline, 'stage.entered').map((e) => e.stage)).toEqual(['land', 'onboard', 'adopt', 'renew', 'expand']);
    expect(ofType(timeline, 'step.completed').map((e) => [e.step, e.actor])).toEqual([
      ['purchase', people.am],
      ['implement', people.eng],
      ['onboard', people.csm],
      ['use', people.css],
      ['engage', people.csm],
      ['adopt', people.csm],
      ['optimize', people.csm],
      ['renew', people.rm],
      ['recommend', people.csm],
      ['advocate', people.csm],
      ['expand', people.am],
    ]);
    expect(timeline.filter((e) => ESCALATION_TYPES.includes(e.type))).toEqual([]);
    expect(result.view.deadlines.every((d) => d.status === 'met')).toBe(true);
    expect(result.notifications.map((n) => n.kind)).toEqual(['handoff.assigned', 'handoff.assigned']);
    // The read model ends on the deal as it closed: the last write carries the whole timeline.
    expect(result.projection).toMatchObject({ closed: true, dealId: 'on-time', customerName: 'Acme Corp', openTaskOwners: [] });
    expect(result.projection!.view.timeline).toEqual(timeline);
    // Each handoff's read model ends on it accepted, with its checklist as it was done.
    const handoffs = [...result.handoffProjections.values()];
    expect(handoffs.map((h) => [h.view.templateId, h.view.status])).toEqual([
      ['sales-to-cs', 'accepted'],
      ['cs-to-renewals', 'accepted'],
    ]);
    // Each handoff's workflow starts with its own template, not the deal's whole playbook.
    for (const started of ofType(timeline, 'handoff.started')) {
      const history = await env.client.workflow.getHandle(String(started.workflowId)).fetchHistory();
      const [payload] = history.events![0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
      const input = JSON.parse(Buffer.from(payload!.data!).toString('utf8')) as Record<string, unknown>;
      expect(input).not.toHaveProperty('playbook');
      expect(input.template).toMatchObject({ id: started.templateId });
    }
    expect(handoffs.every((h) => h.view.checklist.every((i) => i.tickedBy !== undefined))).toBe(true);

    expect(claims.map((c) => [c.milestone, c.claim.amountUsd, c.claim.earnedOn])).toEqual([
      ['adopt:success-plan', 5000, '2021-02-14'],
      ['use:intersight', 5000, '2021-03-16'],
      ['adopt:business-outcomes', 25000, '2021-06-14'],
      ['expand:booking-1', 12000, '2021-09-22'],
    ]);
    const outcomesClaim = claims[2]!.claim;
    const traced = outcomesClaim.trace.map((t) => timeline.find((e) => e.id === t.eventId)?.type);
    expect(traced).toEqual(['deal.registered', 'successPlan.submitted', 'outcomes.recorded']);
    expect(outcomesClaim.evidence).toContainEqual({ kind: 'customer-confirmation', id: outcomesReport.confirmation.messageId, reference: outcomesReport.confirmation.from });
    expect(claims[1]!.claim.evidence).toContainEqual({ kind: 'usage-evidence', id: intersightEvidence.id, reference: intersightEvidence.reference });
    expect(claims.every((c) => c.receipt.sink === 'outbox' && c.receipt.idempotencyKey === c.claim.idempotencyKey)).toBe(true);

    expect(result.historyLength).toBeLessThanOrEqual(300);
    expect(result.wallMs).toBeLessThan(30_000);
  });

  it('keeps the search attributes current', async () => {
    const result = await walk(env, 'attributes', [...salesToCsHandoff('P1D', 'P5D'), step('P1D', 'step.complete', people.am, { step: 'purchase' })], { horizon: 'P6D' });
    const attributes = (await env.client.workflow.getHandle(result.workflowId).describe()).typedSearchAttributes;
    expect(attributes.get(stageKey)).toBe('onboard');
    expect(attributes.get(stepKey)).toBe('implement');
    expect(attributes.get(architectureKey)).toBe('data-center');
    expect(attributes.get(dealValueKey)).toBe(640000);
    // Implement: ENG and DEL are R, AM is A; the Sales -> CS handoff is accepted by now.
    expect([...(attributes.get(openTaskOwnersKey) ?? [])].sort()).toEqual([people.am, people.del, people.eng].sort());
    // The next deadline due: the success plan, last day 2021-04-15.
    expect(attributes.get(nextDeadlineKey)?.toISOString()).toBe('2021-04-16T00:00:00.000Z');
  });
});

describe('a capped partner', () => {
  it('reserves an Adopt slot with the partner cap entity before claiming', async () => {
    const specialized = { ...partner, specialization: 'specialized' as const, priorFiscalYearBookingsUsd: 800_000 };
    const result = await walk(env, 'capped', onboardedScript(), { partner: specialized, horizon: 'P32D' });
    const plan = result.view.claims.find((c) => c.milestone === 'adopt:success-plan');
    expect(plan?.claim.amountUsd).toBe(5000);
    expect(plan?.claim.breakdown.map((l) => l.label)).toContainEqual(expect.stringMatching(/^counted against the cap of 3 per architecture per fiscal quarter \(non-EA\)/));
  });
});

describe('a deal that never submits the success plan', () => {
  it('reminds R, escalates to A then to the Lead at the ladder times, records the breach, and claims no plan', async () => {
    const result = await walk(env, 'no-plan', latePlanScript(), { horizon: 'P100D' });
    const plan = result.view.timeline.filter((e) => e.deadlineId === 'adopt-success-plan');
    expect(plan.map((e) => [e.at, e.type, e.rung ?? '', e.recipients])).toEqual([
      ['2021-03-01T12:00:00.000Z', 'deadline.reminder', 'remind-half-window', [people.csm, people.css]],
      ['2021-04-02T00:00:00.000Z', 'deadline.reminder', 'remind-14-days', [people.csm, people.css]],
      ['2021-04-09T00:00:00.000Z', 'deadline.escalated', 'escalate-accountable', [people.am, people.del]],
      ['2021-04-13T00:00:00.000Z', 'deadline.escalated', 'escalate-lead', [people.lead]],
      ['2021-04-16T00:00:00.000Z', 'deadline.breached', '', [people.lead]],
    ]);
    expect(result.view.claims.map((c) => c.milestone)).not.toContain('adopt:success-plan');
    const late = ofType(result.view.timeline, 'claim.ineligible').find((e) => e.milestone === 'adopt:success-plan');
    expect(late).toMatchObject({ at: expect.stringMatching(/^2021-04-20/), reasonCode: 'window-closed' });
    const kinds = result.notifications.filter((n) => n.idempotencyKey.includes('adopt-success-plan')).map((n) => [n.kind, n.recipients.map((r) => r.role)]);
    expect(kinds).toEqual([
      ['deadline.reminder', ['CSM', 'CSS']],
      ['deadline.reminder', ['CSM', 'CSS']],
      ['deadline.escalated', ['AM', 'DEL']],
      ['deadline.escalated', ['LEAD']],
      ['deadline.breached', ['LEAD']],
    ]);
  });
});

describe('handoffs', () => {
  it('a returned handoff waits for the information, then is accepted and the deal moves on', async () => {
    const result = await walk(env, 'returned', returnedHandoffScript(), { horizon: 'P6D' });
    const handoff = result.view.timeline.filter((e) => e.templateId === 'sales-to-cs');
    expect(summary(handoff)).toEqual(['2021-01-15 handoff.started', '2021-01-17 handoff.returned chris.lee', '2021-01-19 handoff.accepted chris.lee']);
    expect(handoff[1]!.reason).toBe('The contract data with the scope of work is missing');
    expect(result.steps.find((s) => s.reason?.includes('already returned'))).toMatchObject({ outcome: 'refused', at: expect.stringMatching(/^2021-01-17/) });
    expect(result.notifications.find((n) => n.kind === 'handoff.returned')?.recipients.map((r) => r.personId)).toEqual([people.am]);
    expect(result.view.deadlines.find((d) => d.id === 'handoff-sales-to-cs-1')?.status).toBe('met');
  });

  it('accepting needs every checklist item and required artifact', async () => {
    const script = [step('P1D', 'handoff.accept', people.csm, { templateId: 'sales-to-cs' })];
    const result = await walk(env, 'incomplete', script, { horizon: 'P2D' });
    expect(result.steps[0]).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('required artifacts missing: contract-data') });
    expect(ofType(result.view.timeline, 'action.refused')).toEqual([
      expect.objectContaining({ actor: people.csm, action: 'handoff.accept', at: expect.stringMatching(/^2021-01-16/) }),
    ]);
    expect(result.view.openHandoffs.map((h) => h.templateId)).toEqual(['sales-to-cs']);
  });

  it('a reassignment mid-handoff moves the work to the new owner', async () => {
    const result = await walk(env, 'reassigned', reassignedScript(), { horizon: 'P5D' });
    expect(summary(result.view.timeline, ['owner.reassigned', 'action.refused', 'handoff.accepted'])).toEqual([
      '2021-01-17 owner.reassigned ana.moreno',
      '2021-01-18 action.refused chris.lee',
      '2021-01-19 action.refused chris.lee',
      '2021-01-19 handoff.accepted nora.kim',
    ]);
    expect(result.view.team.CSM).toEqual([{ id: people.newCsm, name: 'Nora Kim' }]);
  });

  it('low usage evidence triggers the CSM -> CSS handoff, with its own SLA', async () => {
    const result = await walk(env, 'triggered', triggeredScript(), { horizon: 'P50D' });
    const triggered = result.view.timeline.filter((e) => e.type === 'health.observed' || e.templateId === 'csm-to-css');
    expect(triggered.map((e) => [e.at.slice(0, 10), e.type, e.actor ?? '', e.utilisation ?? ''])).toEqual([
      ['2021-02-24', 'health.observed', '', 0.3],
      ['2021-02-24', 'handoff.started', '', ''],
      ['2021-03-02', 'handoff.accepted', people.csm, ''],
    ]);
    expect(triggered[1]!.dueAt).toMatch(/^2021-03-10/);
  });

  it('a health score below the threshold triggers it too, once the deal is in Use', async () => {
    const script = [...onboardedScript(), { at: 'P10D', action: 'health.observe', healthScore: 3, source: 'telemetry' }, { at: 'P40D', action: 'health.observe', healthScore: 3, source: 'telemetry' }];
    const result = await walk(env, 'health', script, { horizon: 'P41D' });
    // Before Use the observation is recorded and starts nothing.
    expect(summary(result.view.timeline, ['health.observed', 'handoff.started']).slice(1)).toEqual(['2021-01-25 health.observed', '2021-02-24 health.observed', '2021-02-24 handoff.started']);
  });
});

describe('deadlines', () => {
  it('an extension moves the ladder and the breach, and says who moved it and why', async () => {
    const result = await walk(env, 'extended', extendedScript(), { horizon: 'P25D' });
    const sla = result.view.timeline.filter((e) => e.deadlineId === 'handoff-sales-to-cs-1');
    expect(sla.map((e) => [e.at.slice(0, 16), e.type, e.actor ?? e.rung ?? ''])).toEqual([
      ['2021-01-22T00:00', 'deadline.reminder', 'remind-half-window'],
      ['2021-01-22T00:00', 'deadline.escalated', 'escalate-accountable'],
      ['2021-01-25T00:00', 'deadline.extended', people.am],
      // Half of the extended window is still ahead; 14 days before the new due instant is not.
      ['2021-01-25T12:00', 'deadline.reminder', 'remind-half-window'],
      ['2021-01-29T00:00', 'deadline.escalated', 'escalate-accountable'],
      ['2021-02-02T00:00', 'deadline.escalated', 'escalate-lead'],
      ['2021-02-05T00:00', 'deadline.breached', ''],
    ]);
    expect(sla[2]).toMatchObject({ reason: 'Customer legal review of the contract', fromDueAt: '2021-01-29T00:00:00.000Z', toDueAt: '2021-02-05T00:00:00.000Z' });
    expect(result.steps[1]).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('is not Responsible or Accountable') });
  });

  it('a pause stops the clock and resuming moves the deadline by the time paused', async () => {
    const script = [
      step('P3D', 'deadline.pause', people.am, { deadlineId: 'handoff-sales-to-cs-1', reason: 'Customer closed for holidays' }),
      step('P13D', 'deadline.resume', people.am, { deadlineId: 'handoff-sales-to-cs-1', reason: 'Customer back' }),
    ];
    const result = await walk(env, 'paused', script, { horizon: 'P30D' });
    const sla = result.view.timeline.filter((e) => e.deadlineId === 'handoff-sales-to-cs-1');
    expect(summary(sla)).toEqual([
      '2021-01-18 deadline.paused ana.moreno',
      '2021-01-28 deadline.resumed ana.moreno',
      // The reminders fell inside the pause and are not sent late.
      '2021-02-01 deadline.escalated',
      '2021-02-05 deadline.escalated',
      '2021-02-08 deadline.breached',
    ]);
    expect(sla[1]!.toDueAt).toMatch(/^2021-02-08/);
  });

  it('prompts the renewal ahead of the renewal date and runs the CS -> Renewals SLA ladder', async () => {
    const result = await walk(env, 'renewal', [], { horizon: 'P220D' });
    const renewal = result.view.timeline.filter((e) => e.type === 'renewal.prompted' || e.deadlineId === 'handoff-cs-to-renewals-1' || (e.type === 'handoff.started' && e.templateId === 'cs-to-renewals'));
    expect(renewal.map((e) => [e.at.slice(0, 10), e.type, e.rung ?? '', e.recipients ?? ''])).toEqual([
      ['2021-07-19', 'renewal.prompted', '', ''],
      ['2021-07-19', 'handoff.started', '', ''],
      ['2021-08-03', 'deadline.reminder', 'remind-half-window', [people.csm]],
      ['2021-08-04', 'deadline.reminder', 'remind-14-days', [people.csm]],
      ['2021-08-11', 'deadline.escalated', 'escalate-accountable', [people.rm, people.am]],
      ['2021-08-15', 'deadline.escalated', 'escalate-lead', [people.lead]],
      ['2021-08-18', 'deadline.breached', '', [people.lead]],
    ]);
  });
});
