import { describe, expect, it } from 'vitest';
import type { ReserveAdoptionSlotInput } from '../../../activities/caps';
import type { SubmitClaimInput } from '../../../activities/claims';
import { settleClaims, type ClaimPorts } from '../../../workflows/deal/claims';
import { intersightEvidence } from '../../workflows/fixtures/journeys';
import { record } from '../../../workflows/deal/timeline';
import { bookedDeal } from './deal-fixture';

/** Records what the deal asked of the cap entity and the gateway; answers as told. */
function ports(options: { granted?: boolean; rejectWith?: string } = {}) {
  const reservations: ReserveAdoptionSlotInput[] = [];
  const submitted: SubmitClaimInput['claim'][] = [];
  const port: ClaimPorts = {
    async reserveAdoptionSlot(input) {
      reservations.push(input);
      return { granted: options.granted ?? true, fiscalQuarter: input.fiscalQuarter, used: reservations.length, limit: input.limit };
    },
    async submitClaim({ claim }) {
      if (options.rejectWith) throw new Error(options.rejectWith);
      submitted.push(claim);
      return { receipt: { idempotencyKey: claim.idempotencyKey, claimId: claim.claimId, sink: 'outbox', receivedAt: '2021-03-16T10:00:01.000Z', reference: `outbox/${claim.claimId}.json` } };
    },
  };
  return { port, reservations, submitted };
}

describe('deciding claims (pure, no Temporal server)', () => {
  it('submits an earned claim once, traced to the events that earned it, and meets its window', async () => {
    const { ctx, clock } = bookedDeal();
    clock.set('2021-03-16T10:00:00Z');
    ctx.memory.facts.usage.push(intersightEvidence);
    ctx.memory.factEvents[`usage:${intersightEvidence.id}`] = record(ctx, 'usage.recorded', { evidenceId: intersightEvidence.id }).id;
    const { port, submitted } = ports();
    await settleClaims(ctx, port);
    await settleClaims(ctx, port);
    expect(submitted.map((c) => [c.milestone, c.amountUsd, c.earnedOn])).toEqual([['use:intersight', 5000, '2021-03-16']]);
    // The booking, then the evidence.
    expect(submitted[0]!.trace.map((t) => t.event)).toEqual(['deal.registered', 'usage.recorded']);
    expect(ctx.memory.claims.map((c) => c.milestone)).toEqual(['use:intersight']);
    expect(ctx.memory.deadlines.find((d) => d.id === 'use')!.status).toBe('met');
  });

  it('a specialized partner reserves a cap slot for the quarter before its first Adopt claim; a full quarter earns nothing', async () => {
    const { ctx, clock } = bookedDeal({ specialization: 'specialized', priorFiscalYearBookingsUsd: 0 });
    clock.set('2021-02-10T10:00:00Z');
    ctx.memory.facts.successPlan = { submittedOn: '2021-02-10' };
    const { port, reservations, submitted } = ports({ granted: false });
    await settleClaims(ctx, port);
    expect(reservations).toMatchObject([{ partnerId: 'northwind', architecture: 'data-center', fiscalQuarter: 'FY2021 Q3', milestone: 'adopt:success-plan', limit: 3 }]);
    expect(submitted).toEqual([]);
    expect(ctx.memory.capStatus.adopt).toBe('cap-reached');
    expect(ctx.memory.ineligible.map((i) => i.milestone)).toContain('adopt:success-plan');
  });

  it('a claim the gateway rejects for good is recorded with the reason, not lost', async () => {
    const { ctx, clock } = bookedDeal();
    clock.set('2021-03-16T10:00:00Z');
    ctx.memory.facts.usage.push(intersightEvidence);
    await settleClaims(ctx, ports({ rejectWith: 'vendor portal: duplicate claim' }).port);
    expect(ctx.memory.ineligible).toMatchObject([{ milestone: 'use:intersight', reasonCode: 'rejected', reason: 'vendor portal: duplicate claim' }]);
    expect(ctx.memory.timeline.filter((e) => e.type === 'claim.ineligible')).toMatchObject([{ milestone: 'use:intersight', reasonCode: 'rejected' }]);
  });
});
