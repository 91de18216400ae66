import { condition, defineSignal, defineUpdate, setHandler, sleep } from '@temporalio/workflow';

/**
 * The bare workflow the benchmarks compare Baton against: same server round trips, no domain work.
 * It also proves a round trip through a real server in the platform tests.
 */
export const baselineNoopUpdate = defineUpdate<number, [number]>('baseline.noop');
export const baselineFinishSignal = defineSignal('baseline.finish');

/** With `timerMs`, it also arms one timer, as an open deal arms its next rung (the bench's timer window). */
export async function baselineWorkflow(timerMs?: number): Promise<number> {
  let updates = 0;
  let finished = false;
  setHandler(baselineNoopUpdate, (n) => {
    updates += 1;
    return n;
  });
  setHandler(baselineFinishSignal, () => {
    finished = true;
  });
  // Not awaited: the timer firing is a task of its own, and the finish signal ends the run whether it fired or not.
  if (timerMs !== undefined) void sleep(timerMs);
  await condition(() => finished);
  return updates;
}
