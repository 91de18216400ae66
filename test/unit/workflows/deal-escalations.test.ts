import { describe, expect, it } from 'vitest';
import { attendDue, nextWakeAt } from '../../../workflows/deal/due';
import { people } from '../../workflows/fixtures/journeys';
import { bookedDeal } from './deal-fixture';

describe('firing the ladder (pure, no Temporal server)', () => {
  it('wakes first for the handoff SLA rungs half-way and 7 days before (one instant in a 14-day SLA), stamped with that instant', () => {
    const { ctx, clock } = bookedDeal();
    ctx.work.length = 0;
    const wake = nextWakeAt(ctx)!;
    expect(new Date(wake).toISOString()).toBe('2021-01-22T00:00:00.000Z');
    // The activation arrives late; what fired is stamped with its due instant all the same.
    clock.set('2021-01-22T00:00:07Z');
    attendDue(ctx, wake);
    expect(ctx.memory.timeline.slice(-2)).toMatchObject([
      { type: 'deadline.reminder', at: '2021-01-22T00:00:00.000Z', deadlineId: 'handoff-sales-to-cs-1', rung: 'remind-half-window', recipients: [people.am] },
      { type: 'deadline.escalated', at: '2021-01-22T00:00:00.000Z', deadlineId: 'handoff-sales-to-cs-1', rung: 'escalate-accountable', recipients: [people.am, people.csm] },
    ]);
    const due = Date.parse('2021-01-29T00:00:00Z');
    expect(ctx.work).toMatchObject([
      {
        kind: 'notify',
        requests: [
          { kind: 'deadline.reminder', idempotencyKey: `deal:northwind:acme-dc-2021:handoff-sales-to-cs-1:${due}:remind-half-window` },
          { kind: 'deadline.escalated', idempotencyKey: `deal:northwind:acme-dc-2021:handoff-sales-to-cs-1:${due}:escalate-accountable` },
        ],
      },
    ]);
    attendDue(ctx, wake);
    expect(ctx.memory.timeline.filter((e) => e.deadlineId === 'handoff-sales-to-cs-1')).toHaveLength(2);
  });

  it('a long sleep fires every missed rung in time order, then the breach, each at its own instant', () => {
    const { ctx } = bookedDeal();
    attendDue(ctx, Date.parse('2021-01-30T00:00:00Z'));
    const fired = ctx.memory.timeline.filter((e) => e.deadlineId === 'handoff-sales-to-cs-1').map((e) => [e.type, e.rung ?? '', e.at]);
    expect(fired).toEqual([
      ['deadline.reminder', 'remind-half-window', '2021-01-22T00:00:00.000Z'],
      ['deadline.escalated', 'escalate-accountable', '2021-01-22T00:00:00.000Z'],
      ['deadline.escalated', 'escalate-lead', '2021-01-26T00:00:00.000Z'],
      ['deadline.breached', '', '2021-01-29T00:00:00.000Z'],
    ]);
    expect(ctx.memory.deadlines.find((d) => d.id === 'handoff-sales-to-cs-1')!.status).toBe('breached');
    const lead = ctx.memory.timeline.find((e) => e.rung === 'escalate-lead');
    expect(lead!.recipients).toEqual([people.lead]);
  });

  it('prompts the renewal once, on its day, opening the renewal deadline', () => {
    const { ctx } = bookedDeal();
    attendDue(ctx, Date.parse('2021-11-20T00:00:00Z'));
    const prompts = ctx.memory.timeline.filter((e) => e.type === 'renewal.prompted');
    expect(prompts).toHaveLength(1);
    expect(ctx.memory.deadlines.find((d) => d.id === 'renewal')).toMatchObject({ kind: 'renewal', status: 'open', dueAt: Date.parse('2022-01-15T00:00:00Z') });
    attendDue(ctx, Date.parse('2021-11-21T00:00:00Z'));
    expect(ctx.memory.timeline.filter((e) => e.type === 'renewal.prompted')).toHaveLength(1);
  });
});

describe('a rung whose roles nobody holds', () => {
  const renewalDeadline = { id: 'renewal', kind: 'renewal' as const, label: 'Renewal', subject: { step: 'renew' }, startsAt: Date.parse('2021-12-01T00:00:00Z'), dueAt: Date.parse('2022-01-15T00:00:00Z'), status: 'open' as const, firedRungs: [], extensions: [] };

  it('goes to the ladder fallback, and the timeline says who was missing', () => {
    const { ctx } = bookedDeal();
    const { RM: _rm, ...noRm } = ctx.memory.team;
    ctx.memory.team = noRm;
    ctx.memory.deadlines = [renewalDeadline];
    ctx.memory.renewalPrompted = true;
    ctx.work.length = 0;
    attendDue(ctx, Date.parse('2021-12-23T12:00:00Z'));
    expect(ctx.memory.timeline.at(-1)).toMatchObject({ type: 'deadline.reminder', rung: 'remind-half-window', recipients: [people.am], fellBackTo: 'A', note: 'no RM on this deal: sent to the AM' });
    expect(ctx.work).toMatchObject([{ kind: 'notify', requests: [{ recipients: [{ personId: people.am }] }] }]);
  });

  it('reaching nobody at all is recorded as unattended, never as a reminder sent', () => {
    const { ctx } = bookedDeal();
    ctx.memory.team = { CSM: ctx.memory.team.CSM };
    ctx.memory.deadlines = [renewalDeadline];
    ctx.memory.renewalPrompted = true;
    ctx.work.length = 0;
    attendDue(ctx, Date.parse('2021-12-23T12:00:00Z'));
    expect(ctx.memory.timeline.filter((e) => e.type === 'deadline.reminder')).toEqual([]);
    expect(ctx.memory.timeline.at(-1)).toMatchObject({ type: 'deadline.unattended', rung: 'remind-half-window', note: expect.stringContaining('sent to nobody') });
    expect(ctx.work).toEqual([]);
  });
});
