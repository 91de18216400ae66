import type { DealContext } from './context';

/**
 * The deal's claim work (settling its incentives, sending a withdrawal) beside its loop, one piece
 * at a time and in the order asked: a claims endpoint that is down (retried for as long as it
 * takes: a claim is money) must not hold up a deadline's rungs, a handoff or a notification. One
 * at a time, because each settlement reads the claims the one before it made. The deal waits for
 * it only before it continues as new or completes.
 */
export class ClaimsLane {
  private tail: Promise<void> = Promise.resolve();
  private queued = 0;

  constructor(private readonly ctx: DealContext) {}

  get idle(): boolean {
    return this.queued === 0;
  }

  /** A failure is not caught here: like one in the loop, it fails the workflow task, to be retried. */
  enqueue(work: () => Promise<void>): void {
    this.queued += 1;
    this.tail = this.tail.then(work).finally(() => {
      this.queued -= 1;
      this.ctx.changed = true;
    });
  }
}
