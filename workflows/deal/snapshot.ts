import { workflowInfo } from '@temporalio/workflow';
import type { DealSnapshot } from '../../src/db/read-model/deal-snapshot';
import { isoInstant } from './clock';
import type { DealContext } from './context';
import { dealView, searchAttributeValues } from './read-model';

/**
 * The deal as its read-model row holds it, at projection `seq`: written live by the projector,
 * and answered by the `deal.snapshot` query for `baton db rebuild`.
 */
export function dealSnapshot(ctx: DealContext, seq: number, closed: boolean): DealSnapshot {
  const values = searchAttributeValues(ctx);
  const health = [...ctx.memory.timeline].reverse().find((e) => e.type === 'health.observed' && typeof e.healthScore === 'number');
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
    // Dollars still to earn are the forecast's to compute; the read model counts none yet.
    atStakeUsd: 0,
    health: health ? { score: health.healthScore as number, renewalRisk: null } : null,
    closed,
    runId: workflowInfo().runId,
    playbook: { id: ctx.playbook.id, version: ctx.playbook.version },
    program: { id: ctx.program.id, version: ctx.program.version },
    view: dealView(ctx),
  };
}
