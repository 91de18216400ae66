import { describe, expect, it } from 'vitest';
import { applyEffects, applySystemEvent } from '../../../workflows/deal/effects';
import { factsAfter } from '../../../workflows/deal/facts';
import { judge } from '../../../workflows/deal/judge';
import { people, intersightEvidence } from '../../workflows/fixtures/journeys';
import { bookedDeal } from './deal-fixture';

describe('booking a deal (pure, no Temporal server)', () => {
  it('enters the entry step, opens every incentive window and the Sales -> CS handoff with its SLA', () => {
    const { ctx } = bookedDeal();
    expect(ctx.memory.timeline.map((e) => e.type)).toEqual(['deal.registered', 'stage.entered', 'step.entered', 'handoff.started']);
    expect(ctx.memory.deadlines.map((d) => [d.id, new Date(d.dueAt).toISOString()])).toEqual([
      ['use', '2022-02-01T00:00:00.000Z'],
      ['adopt-success-plan', '2021-04-16T00:00:00.000Z'],
      ['adopt-business-outcomes', '2022-01-16T00:00:00.000Z'],
      ['expand', '2022-07-16T00:00:00.000Z'],
      ['handoff-sales-to-cs-1', '2021-01-29T00:00:00.000Z'],
    ]);
    const [start, batch] = ctx.work;
    expect(start).toMatchObject({ kind: 'start-handoff', handoff: { templateId: 'sales-to-cs', workflowId: 'deal:northwind:acme-dc-2021:handoff:sales-to-cs:1' } });
    expect(batch).toMatchObject({ kind: 'notify', requests: [{ kind: 'handoff.assigned', recipients: [{ personId: people.am, role: 'AM' }, { personId: people.csm, role: 'CSM' }] }] });
  });
});

describe('applying the lifecycle effects of a user action', () => {
  it('records usage evidence as a fact traced to its timeline entry, queues claims, and observes utilisation', () => {
    const { ctx, clock } = bookedDeal();
    clock.set('2021-03-16T10:00:00Z');
    ctx.work.length = 0;
    const action = { type: 'usage.record' as const, actor: people.csm, evidence: { ...intersightEvidence, metrics: { ...intersightEvidence.metrics, licensedUsers: 100, activeUsers: 10 } } };
    const decision = judge(ctx, action);
    expect(decision.accepted).toBe(true);
    if (!decision.accepted || 'unchanged' in decision) return;
    ctx.memory.lifecycle = decision.state;
    const entries = applyEffects(ctx, decision.effects, action, action.actor);
    expect(entries.map((e) => [e.type, e.at, e.actor])).toEqual([
      ['usage.recorded', '2021-03-16T10:00:00.000Z', people.csm],
      ['health.observed', '2021-03-16T10:00:00.000Z', undefined],
    ]);
    expect(ctx.memory.facts.usage.map((e) => e.id)).toEqual([intersightEvidence.id]);
    expect(ctx.memory.factEvents[`usage:${intersightEvidence.id}`]).toBe(entries[0]!.id);
    expect(ctx.work.map((w) => w.kind)).toContain('claims');
    expect(ctx.changed).toBe(true);
  });

  it('judges evidence by its identity: again is a no-op that says so, different under the same id or future-dated is refused', () => {
    const { ctx, clock } = bookedDeal();
    clock.set('2021-03-20T09:00:00Z');
    const action = { type: 'usage.record' as const, actor: people.csm, evidence: intersightEvidence };
    const first = judge(ctx, action);
    expect(first.accepted && !('unchanged' in first)).toBe(true);
    if (!first.accepted || 'unchanged' in first) return;
    const facts = factsAfter(ctx, action);
    ctx.memory.lifecycle = first.state;
    applyEffects(ctx, first.effects, action, action.actor, facts);
    // The day received is the deal's own today, beside the day the evidence claims.
    expect(ctx.memory.facts.usage).toMatchObject([{ id: intersightEvidence.id, observedOn: '2021-03-16', receivedOn: '2021-03-20' }]);

    const before = JSON.stringify(ctx.memory);
    const again = judge(ctx, action);
    expect(again).toMatchObject({ accepted: true, unchanged: expect.stringContaining('already recorded') });
    const changed = judge(ctx, { ...action, evidence: { ...intersightEvidence, metrics: { licensedServers: 100, claimedServers: 90 } } });
    expect(changed).toMatchObject({ accepted: false, reason: expect.stringContaining(intersightEvidence.id) });
    const future = judge(ctx, { ...action, evidence: { ...intersightEvidence, id: 'later', observedOn: '2021-04-01' } });
    expect(future).toMatchObject({ accepted: false, reason: expect.stringContaining("after the deal's today, 2021-03-20") });
    const outsider = judge(ctx, { ...action, actor: people.outsider });
    expect(outsider.accepted).toBe(false);
    expect(JSON.stringify(ctx.memory)).toBe(before);
  });

  it('a run recorded before fact identities refuses the same evidence twice as it did then', () => {
    const { ctx } = bookedDeal({}, { allRulesAtStart: false, factsByIdentity: false, rungFallback: false, readModel: false, readModelBySink: false, ladderBeforeAnswers: false, pastAsOfBooking: false, businessCalendars: false, handoffTemplateOnly: false, claimsBesideAtStart: false, handoffStartsBeside: false });
    ctx.memory.facts.usage.push(intersightEvidence);
    const before = JSON.stringify(ctx.memory);
    expect(judge(ctx, { type: 'usage.record', actor: people.csm, evidence: intersightEvidence })).toEqual({ accepted: false, reason: `usage evidence ${intersightEvidence.id} is already recorded` });
    expect(judge(ctx, { type: 'deadline.pause', actor: people.am, deadlineId: 'nope', reason: 'x' }).accepted).toBe(false);
    expect(JSON.stringify(ctx.memory)).toBe(before);
  });

  it('a returned handoff tells its Responsible people why; an accepted one meets its SLA', () => {
    const { ctx, clock } = bookedDeal();
    ctx.work.length = 0;
    clock.set('2021-01-20T09:00:00Z');
    applySystemEvent(ctx, { type: 'handoff.returned', templateId: 'sales-to-cs', reason: 'no contacts' }, people.csm);
    expect(ctx.memory.handoffs[0]!.status).toBe('returned');
    expect(ctx.work).toMatchObject([{ kind: 'notify', requests: [{ kind: 'handoff.returned', recipients: [{ personId: people.am }] }] }]);
    applySystemEvent(ctx, { type: 'handoff.accepted', templateId: 'sales-to-cs' }, people.csm);
    expect(ctx.memory.handoffs).toEqual([]);
    expect(ctx.memory.deadlines.find((d) => d.id === 'handoff-sales-to-cs-1')).toMatchObject({ status: 'met', closedAt: Date.parse('2021-01-20T09:00:00Z') });
    expect(ctx.memory.timeline.at(-1)).toMatchObject({ type: 'deadline.met', deadlineId: 'handoff-sales-to-cs-1', by: people.csm });
  });
});
