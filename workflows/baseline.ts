import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';

/**
 * The bare workflow the benchmarks compare Baton against: same server round trips, no domain work.
 * It also proves a round trip through a real server in the platform tests.
 */
export const baselineNoopUpdate = defineUpdate<number, [number]>('baseline.noop');
export const baselineFinishSignal = defineSignal('baseline.finish');

export async function baselineWorkflow(): Promise<number> {
  let updates = 0;
  let finished = false;
  setHandler(baselineNoopUpdate, (n) => {
    updates += 1;
    return n;
  });
  setHandler(baselineFinishSignal, () => {
    finished = true;
  });
  await condition(() => finished);
  return updates;
}
