import { condition, log, proxyLocalActivities, workflowInfo } from '@temporalio/workflow';
import type * as activities from '../activities';
import type { HandoffStatusView } from './handoff-messages';

/** A short upsert, as the deal's projection (see workflows/deal/activities.ts). */
const { projectHandoff } = proxyLocalActivities<activities.BatonActivities>({
  startToCloseTimeout: '10 seconds',
  // Bounded, so an update waiting on it answers even with the database down; the pump writes again.
  scheduleToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '10 seconds' },
});

/**
 * Keeps the handoff's row in the read model (its checklist and artifacts for the deal page)
 * current: at most one write in flight, always of the latest state under a higher seq. An update
 * handler waits for the write of its own change, so the action's answer is readable at once.
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
  ) {}

  /** The seq of the latest change: a rebuild writes the current view under it. */
  get seq(): number {
    return this.version;
  }

  get caughtUp(): boolean {
    return !this.inFlight && this.projected >= this.version;
  }

  /** Records a change and waits until a write that holds it has finished. */
  async changed(): Promise<void> {
    const version = ++this.version;
    this.pump();
    await condition(() => this.settledVersion >= version);
  }

  private pump(): void {
    if (this.inFlight || this.projected >= this.version) return;
    this.inFlight = true;
    const seq = this.version;
    const view = JSON.parse(JSON.stringify(this.view)) as HandoffStatusView;
    void projectHandoff({ workflowId: workflowInfo().workflowId, dealWorkflowId: this.dealWorkflowId, seq, view })
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
}
