import { describe, expect, it } from 'vitest';
import { applyEffects, applySystemEvent } from '../../../workflows/deal/effects';
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
    if (!decision.accepted) return;
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

  it('refuses the same evidence twice and a pause of an unknown deadline, changing nothing', () => {
    const { ctx } = bookedDeal();
    ctx.memory.facts.usage.push(intersightEvidence);
    const before = JSON.stringify(ctx.memory);
    expect(judge(ctx, { type: 'usage.record', actor: people.csm, evidence: intersightEvidence })).toEqual({ accepted: false, reason: `usage evidence ${intersightEvidence.id} is already recorded` });
    const pause = judge(ctx, { type: 'deadline.pause', actor: people.am, deadlineId: 'nope', reason: 'x' });
    expect(pause.accepted).toBe(false);
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
