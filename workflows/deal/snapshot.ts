import { workflowInfo } from '@temporalio/workflow';
import type { DealSnapshot } from '../../workflows/deal-messages';
import type { DealBooking } from '../../src/forecast/deal-booking';
import { dealAtStakeUsd } from '../../src/forecast/forecast-deal';
import { isoInstant } from './clock';
import type { DealContext } from './context';
import { dealView, searchAttributeValues } from './read-model';

/**
 * The deal as its read-model row holds it, at projection `seq`: written live by the projector,
 * and answered by the `deal.snapshot` query for `baton db rebuild`.
 */
export function dealSnapshot(ctx: DealContext, seq: number, closed: boolean): DealSnapshot {
  const values = searchAttributeValues(ctx);
  const view = dealView(ctx);
  const booking: DealBooking = {
    deal: ctx.deal,
    partner: ctx.partner,
    program: { id: ctx.program.id, version: ctx.program.version },
    facts: ctx.memory.facts,
    capStatus: ctx.memory.capStatus,
  };
  const forecastable = { workflowId: ctx.workflowId, partnerId: ctx.deal.partnerId, dealId: ctx.deal.id, customerName: ctx.deal.customer.name, architecture: ctx.deal.architecture, stage: values.stage, booking, view };
  const health = [...ctx.memory.timeline].reverse().find((e) => e.type === 'health.observed' && typeof e.healthScore === 'number');
  const risk = [...ctx.memory.timeline].reverse().find((e) => e.type === 'health.observed' && typeof e.renewalRisk === 'string');
  return {
    workflowId: ctx.workflowId,
    seq,
    partnerId: ctx.deal.partnerId,
    dealId: ctx.deal.id,
    customerName: ctx.deal.customer.name,
    architecture: ctx.deal.architecture,
    dealValueUsd: values.dealValue,
    openTaskOwners: values.openTaskOwners,
    nextDeadlineAt: values.nextDeadline === null ? null : isoInstant(values.nextDeadline.getTime()),
    // The forecast's own arithmetic on the deal's business day: the read model and `baton forecast` agree.
    atStakeUsd: dealAtStakeUsd(forecastable, { program: ctx.program, ladder: ctx.ladder }, ctx.clock.today()),
    health: health || risk ? { score: (health?.healthScore as number | undefined) ?? null, renewalRisk: (risk?.renewalRisk as 'High' | 'Medium' | 'Low' | undefined) ?? null } : null,
    closed,
    runId: workflowInfo().runId,
    playbook: { id: ctx.playbook.id, version: ctx.playbook.version },
    program: { id: ctx.program.id, version: ctx.program.version },
    view,
    booking,
  };
}
