import { log } from '@temporalio/workflow';
import type { DealSnapshot } from '../../workflows/deal-messages';
import { projectDeal } from './activities';
import type { DealContext } from './context';
import { dealSnapshot } from './snapshot';

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

  /** Writes the row again even though nothing changed (a rebuild asked), under a new seq. */
  reproject(): void {
    this.projectedTimelineLength = -1;
    this.ctx.changed = true;
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
    return dealSnapshot(ctx, ctx.memory.projectionSeq, this.closed);
  }
}
