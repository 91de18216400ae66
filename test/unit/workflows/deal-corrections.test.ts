import { describe, expect, it } from 'vitest';
import type { DealUserAction } from '../../../workflows/deal/context';
import { nextWakeAt } from '../../../workflows/deal/due';
import { applyEffects } from '../../../workflows/deal/effects';
import { judge } from '../../../workflows/deal/judge';
import { intersightEvidence, people } from '../../workflows/fixtures/journeys';
import { bookedDeal } from './deal-fixture';

/** Accepts the action as the deal's update handler would, or fails the test with the refusal. */
function accept(ctx: ReturnType<typeof bookedDeal>['ctx'], action: DealUserAction) {
  const decision = judge(ctx, action);
  if (!decision.accepted || 'unchanged' in decision) throw new Error(`refused: ${'reason' in decision ? decision.reason : 'unchanged'}`);
  ctx.memory.lifecycle = decision.state;
  return applyEffects(ctx, decision.effects, action, action.actor);
}

const windows = (ctx: ReturnType<typeof bookedDeal>['ctx']) => ctx.memory.deadlines.filter((d) => d.kind === 'incentive').map((d) => [d.id, new Date(d.dueAt).toISOString()]);

describe('corrections (pure, no Temporal server)', () => {
  it('a later booking date moves the incentive windows still open, and the claims are judged again on the amended booking', () => {
    const { ctx, clock } = bookedDeal();
    clock.set('2021-02-01T09:00:00Z');
    ctx.work.length = 0;
    const [entry] = accept(ctx, { type: 'booking.amend', actor: people.am, bookedOn: '2021-01-25', reason: 'the order was signed on the 25th' });
    expect(entry).toMatchObject({ type: 'booking.amended', actor: people.am, reason: 'the order was signed on the 25th', fromBookedOn: '2021-01-15', toBookedOn: '2021-01-25' });
    expect(ctx.deal.bookedOn).toBe('2021-01-25');
    expect(ctx.memory.booking?.bookedOn).toBe('2021-01-25');
    expect(windows(ctx)).toEqual([
      ['use', '2022-02-01T00:00:00.000Z'],
      ['adopt-success-plan', '2021-04-26T00:00:00.000Z'],
      ['adopt-business-outcomes', '2022-01-26T00:00:00.000Z'],
      ['expand', '2022-07-26T00:00:00.000Z'],
    ]);
    expect(ctx.work).toEqual([{ kind: 'claims' }]);
    const later = judge(ctx, { type: 'booking.amend', actor: people.am, bookedOn: '2021-03-01', reason: 'typo' });
    expect(later).toEqual({ accepted: false, reason: "bookedOn 2021-03-01 is after the deal's today 2021-02-01" });
  });

  it('refuses a booking date after a fact the deal already holds', () => {
    const { ctx, clock } = bookedDeal();
    clock.set('2021-03-01T09:00:00Z');
    accept(ctx, { type: 'usage.record', actor: people.csm, evidence: { ...intersightEvidence, observedOn: '2021-02-10' } });
    expect(judge(ctx, { type: 'booking.amend', actor: people.am, bookedOn: '2021-02-15', reason: 'signed later' })).toEqual({
      accepted: false,
      reason: `bookedOn 2021-02-15 is after facts recorded on the deal: usage evidence ${intersightEvidence.id} (2021-02-10)`,
    });
  });

  it('closing the deal cancels every open deadline, asks for its handoffs to close, and then refuses everything', () => {
    const { ctx, clock } = bookedDeal();
    clock.set('2021-01-20T09:00:00Z');
    ctx.work.length = 0;
    expect(nextWakeAt(ctx)).toBeDefined();
    const [entry] = accept(ctx, { type: 'deal.close', actor: people.am, outcome: 'cancelled', reason: 'customer cancelled the order' });
    expect(entry).toMatchObject({ type: 'deal.closed', actor: people.am, outcome: 'cancelled', handoffsClosed: ['sales-to-cs'] });
    expect(ctx.memory.deadlines.map((d) => d.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(nextWakeAt(ctx)).toBeUndefined();
    expect(ctx.memory.handoffs).toEqual([]);
    expect(ctx.work).toEqual([{ kind: 'close-handoffs', workflowIds: ['deal:northwind:acme-dc-2021:handoff:sales-to-cs:1'], reason: 'customer cancelled the order', by: people.am }]);
    expect(ctx.memory.closure).toEqual({ outcome: 'cancelled', reason: 'customer cancelled the order', by: people.am, at: '2021-01-20T09:00:00.000Z' });
    expect(judge(ctx, { type: 'deadline.extend', actor: people.am, deadlineId: 'use', days: 3, reason: 'x' })).toEqual({
      accepted: false,
      reason: `the deal was closed as cancelled by ${people.am} (customer cancelled the order): it takes no more actions`,
    });
  });

  it('hands over every role a person holds in one entry, and the handoffs hear of the new team', () => {
    const { ctx } = bookedDeal();
    ctx.work.length = 0;
    const to = { id: 'nora.kim@northwind.example', name: 'Nora Kim' };
    const [entry] = accept(ctx, { type: 'team.handover', actor: people.am, from: people.csm, to, reason: 'leaving' });
    expect(entry).toMatchObject({ type: 'team.handedOver', from: people.csm, to: to.id, roles: ['CSM'] });
    expect(ctx.memory.team.CSM).toEqual([to]);
    expect(ctx.work).toEqual([{ kind: 'team-changed' }]);
    expect(judge(ctx, { type: 'team.handover', actor: people.am, from: people.csm, to, reason: 'again' })).toEqual({ accepted: false, reason: `${people.csm} holds no role on this deal` });
  });
});
