import { log } from '@temporalio/workflow';
import type { DealSnapshot } from '../../src/db/read-model/deal-snapshot';
import type { DealBooking } from '../../src/forecast/deal-booking';
import { dealAtStakeUsd } from '../../src/forecast/forecast-deal';
import { projectDeal } from './activities';
import { isoInstant } from './clock';
import type { DealContext } from './context';
import { dealView, searchAttributeValues } from './read-model';

/**
 * Keeps the deal's row in the read model (PostgreSQL) current without ever holding the deal up:
 * at most one write in flight, always of the latest state, each with a higher `seq` (carried in
 * the deal's memory across continue-as-new) so that a retried or late write never moves the row
 * backwards. A write is asked for only when the timeline moved, so the history holds one per
 * change the deal's people can see, not one per wake-up.
 */
export class ReadModelProjector {
  private inFlight = false;
  private projectedTimelineLength = -1;
  private closed = false;

  constructor(private readonly ctx: DealContext) {}

  get idle(): boolean {
    return !this.inFlight && !this.pending();
  }

  /** Projects the deal if it changed since the last write; `closed` once the workflow ends. */
  project(closed = false): void {
    this.closed ||= closed;
    this.pump();
  }

  private pending(): boolean {
    return this.ctx.memory.timeline.length !== this.projectedTimelineLength || (this.closed && !this.closedProjected);
  }

  private closedProjected = false;

  private pump(): void {
    if (this.inFlight || !this.pending()) return;
    this.inFlight = true;
    this.projectedTimelineLength = this.ctx.memory.timeline.length;
    this.closedProjected = this.closed;
    const snapshot = this.snapshot();
    void projectDeal(snapshot)
      .catch((err: unknown) => log.warn('read model not written', { error: String(err), seq: snapshot.seq }))
      .finally(() => {
        this.inFlight = false;
        this.ctx.changed = true;
        this.pump();
      });
  }

  private snapshot(): DealSnapshot {
    const { ctx } = this;
    ctx.memory.projectionSeq = (ctx.memory.projectionSeq ?? 0) + 1;
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
      seq: ctx.memory.projectionSeq,
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
      closed: this.closed,
      view,
      booking,
    };
  }
}
