import { CancellationScope, sleep } from '@temporalio/workflow';

/**
 * One Temporal timer for the earliest instant anything on the deal is due, replaced only when
 * that instant moves (an updatable timer). `reachedAt` is the instant it was armed for, once it
 * has fired: what fell due is judged as of then, not as of the activation that delivered it.
 */
export class WakeTimer {
  private armed: { at: number; scope: CancellationScope } | undefined;
  reachedAt: number | undefined;

  /** Arms the timer for `at` (business time); `now` converts it to a delay. */
  arm(at: number | undefined, now: number): void {
    if (this.armed?.at === at) return;
    this.cancel();
    if (at === undefined) return;
    const scope = new CancellationScope();
    const armed = { at, scope };
    this.armed = armed;
    scope
      .run(() => sleep(Math.max(1, at - now)))
      .then(
        () => {
          if (this.armed === armed) {
            this.armed = undefined;
            this.reachedAt = at;
          }
        },
        () => undefined, // cancelled: replaced by a timer for another instant
      );
  }

  cancel(): void {
    this.armed?.scope.cancel();
    this.armed = undefined;
  }

  /** Forgets that the timer fired, once what fell due has been attended to. */
  clearReached(): void {
    this.reachedAt = undefined;
  }
}
