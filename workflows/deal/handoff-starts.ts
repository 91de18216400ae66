import { log } from '@temporalio/workflow';
import type { DealContext } from './context';
import { record } from './timeline';

/**
 * Handoff workflows started beside the deal's work, not in its way: the handoff's assignment mail
 * and the deal's timer go out in the same workflow task as its start, instead of a task later,
 * which is one workflow task less for every registration. What must follow a start (a team
 * signal, a close signal) waits for that handoff's start first; the deal waits for all of them
 * before it continues as new or completes.
 */
export class HandoffStarts {
  private readonly pending = new Map<string, Promise<void>>();

  constructor(private readonly ctx: DealContext) {}

  get idle(): boolean {
    return this.pending.size === 0;
  }

  start(workflowId: string, run: () => Promise<unknown>): void {
    const started = run().then(
      () => undefined,
      // Only a worker without a Temporal client fails for good (retries are unbounded otherwise):
      // said on the timeline, where the deal's people see the handoff they cannot act on.
      (err: unknown) => {
        log.warn('handoff workflow not started', { workflowId, error: String(err) });
        record(this.ctx, 'handoff.notStarted', { workflowId, error: String(err) });
      },
    );
    this.pending.set(
      workflowId,
      started.finally(() => {
        this.pending.delete(workflowId);
        this.ctx.changed = true;
      }),
    );
  }

  /** Resolves once the handoff's start (if one is under way) has finished. */
  async settled(workflowId: string): Promise<void> {
    await this.pending.get(workflowId);
  }
}
