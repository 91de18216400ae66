import { log } from '@temporalio/workflow';
import type { DealSnapshot } from '../../workflows/deal-messages';
import { projectDeal } from './activities';
import type { DealContext } from './context';
import { readModel } from '../read-model-sink';
import { dealSnapshot } from './snapshot';

/**
 * Keeps the deal's row in the read model (PostgreSQL) current without ever holding the deal up,
 * always with the latest state, each write under a higher `seq` (carried in the deal's memory
 * across continue-as-new) so that a retried or late write never moves the row backwards. A write
 * is asked for only when the timeline moved: one per change the deal's people can see, not one
 * per wake-up.
 *
 * Runs under `rules.readModelBySink` hand each snapshot to the read-model sink: nothing in the
 * history, and the workflow task completes without waiting on the database (the writer retries
 * until the database takes the row). A row the worker took but lost, by stopping uncleanly before
 * the database had it, is written by the deal's next change, or at once by `baton db rebuild`; an
 * action whose row does not show in time makes the API ask the deal for it again (see
 * DealService.readYourWrite). Runs recorded before write through a local activity, one in
 * flight at a time, as they did.
 */
export class ReadModelProjector {
  private inFlight = false;
  private projectedTimelineLength = -1;
  private closed = false;
  private closedProjected = false;

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

  private pump(): void {
    if (this.inFlight || !this.pending()) return;
    this.projectedTimelineLength = this.ctx.memory.timeline.length;
    this.closedProjected = this.closed;
    const snapshot = this.nextSnapshot();
    // The worker suppresses sink calls while a task replays: those rows were handed over when it first ran.
    if (this.ctx.rules.readModelBySink) return readModel.projectDeal(snapshot);
    this.inFlight = true;
    void projectDeal(snapshot)
      .catch((err: unknown) => log.warn('read model not written', { error: String(err), seq: snapshot.seq }))
      .finally(() => {
        this.inFlight = false;
        this.ctx.changed = true;
        this.pump();
      });
  }

  private nextSnapshot(): DealSnapshot {
    const { ctx } = this;
    ctx.memory.projectionSeq = (ctx.memory.projectionSeq ?? 0) + 1;
    return dealSnapshot(ctx, ctx.memory.projectionSeq, this.closed);
  }
}
