import { condition, log, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../activities';
import type { HandoffSnapshot } from '../src/db/read-model/handoff-snapshot';
import type { HandoffStatusView } from './handoff-messages';
import { readModel } from './read-model-sink';

/** A short upsert, as the deal's projection (see workflows/deal/activities.ts). */
const { projectHandoff } = proxyLocalActivities<activities.BatonActivities>({
  startToCloseTimeout: '10 seconds',
  // Bounded, so an update waiting on it answers even with the database down; the pump writes again.
  scheduleToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

/**
 * Keeps the handoff's row in the read model (its checklist and artifacts for the deal page)
 * current, each write of the latest state under a higher seq.
 *
 * Handoffs started under `handoff-read-model-sink` hand each snapshot to the worker's read-model
 * sink, as the deal does: nothing in the history, and no workflow task waits on the database. The
 * update's answer carries the change's seq, and the API waits for the row to reach it (see
 * DealService.readYourWrite). Handoffs started before write through a local activity, at most one
 * in flight, and an update handler waits for the write of its own change, as they did.
 */
export class HandoffProjector {
  private version = 0;
  private projected = 0;
  /** Highest version whose write finished, written or not. */
  private settledVersion = 0;
  private inFlight = false;

  constructor(
    private readonly dealWorkflowId: string,
    private readonly view: HandoffStatusView,
    private readonly bySink: boolean,
  ) {}

  /** The seq of the latest change: a rebuild writes the current view under it. */
  get seq(): number {
    return this.version;
  }

  /** Every change's write finished; by the sink, every change is handed over as it happens. */
  get caughtUp(): boolean {
    return this.bySink || (!this.inFlight && this.projected >= this.version);
  }

  /** Records a change and waits until a write that holds it has finished. */
  async changed(): Promise<void> {
    const version = ++this.version;
    // The worker suppresses sink calls while a task replays: those rows were handed over when it first ran.
    if (this.bySink) return readModel.projectHandoff(this.snapshot(version));
    this.pump();
    await condition(() => this.settledVersion >= version);
  }

  private pump(): void {
    if (this.inFlight || this.projected >= this.version) return;
    this.inFlight = true;
    const seq = this.version;
    void projectHandoff(this.snapshot(seq))
      .then(
        () => {
          this.projected = seq;
        },
        (err: unknown) => log.warn('handoff read model not written', { error: String(err), seq }),
      )
      .finally(() => {
        this.settledVersion = Math.max(this.settledVersion, seq);
        this.inFlight = false;
        this.pump();
      });
  }

  /** A copy: the sink's arguments are taken when the activation completes, and later changes must not reach this seq. */
  private snapshot(seq: number): HandoffSnapshot {
    return { workflowId: workflowInfo().workflowId, dealWorkflowId: this.dealWorkflowId, seq, view: JSON.parse(JSON.stringify(this.view)) as HandoffStatusView };
  }
}
