import type { CountingClient } from './round-trips';
import { runBaselineJourney } from './baseline-journey';
import { runDealJourney, type JourneyContext } from './deal-journey';
import { progressEvery5Percent, say } from './progress';
import { runPool } from './stats';

export interface ThroughputResult {
  journeys: number;
  concurrency: number;
  /** Server round trips of one deal journey (mean over the run, rounded); each baseline journey makes as many. */
  roundTripsPerJourney: number;
  baselineRoundTripsPerJourney: number;
  batonSeconds: number;
  baselineSeconds: number;
  batonPerSecond: number;
  baselinePerSecond: number;
  /** The same deal journeys with each action sent as before the stuck-deal fix (a view query, then the update). */
  queryFirstSeconds: number;
  queryFirstPerSecond: number;
}

const warmUpJourneys = 2;

/** J deal journeys, then J baseline journeys of the same round trips, each with the same concurrency. */
export async function measureThroughput(ctx: JourneyContext & { counting: CountingClient; runId: string }, journeys: number, concurrency: number): Promise<ThroughputResult> {
  // The worker's first workflows load the bundle into its sandbox: not part of the steady state.
  for (let i = 0; i < warmUpJourneys; i++) await runDealJourney(ctx, `${ctx.runId}-warm-${i}`);

  say(`throughput: ${journeys} deal journeys, ${concurrency} at a time`);
  const tripsBefore = ctx.counting.roundTrips();
  const batonStart = performance.now();
  await runPool(journeys, concurrency, (i) => runDealJourney(ctx, `${ctx.runId}-journey-${i}`), progressEvery5Percent('throughput: deal journeys', journeys));
  const batonSeconds = (performance.now() - batonStart) / 1000;
  const roundTrips = Math.round((ctx.counting.roundTrips() - tripsBefore) / journeys);

  for (let i = 0; i < warmUpJourneys; i++) await runBaselineJourney(ctx.client, ctx.taskQueue, `${ctx.runId}-baseline-warm-${i}`, roundTrips);
  say(`throughput: ${journeys} baseline journeys of ${roundTrips} round trips, ${concurrency} at a time`);
  const baselineTripsBefore = ctx.counting.roundTrips();
  const baselineStart = performance.now();
  await runPool(
    journeys,
    concurrency,
    (i) => runBaselineJourney(ctx.client, ctx.taskQueue, `${ctx.runId}-baseline-journey-${i}`, roundTrips),
    progressEvery5Percent('throughput: baseline journeys', journeys),
  );
  const baselineSeconds = (performance.now() - baselineStart) / 1000;

  say(`throughput: ${journeys} deal journeys sent as before the stuck-deal fix (a view query before each action), ${concurrency} at a time`);
  const queryFirstStart = performance.now();
  await runPool(journeys, concurrency, (i) => runDealJourney(ctx, `${ctx.runId}-query-first-${i}`, 'query-first'), progressEvery5Percent('throughput: query-first journeys', journeys));
  const queryFirstSeconds = (performance.now() - queryFirstStart) / 1000;

  return {
    journeys,
    concurrency,
    roundTripsPerJourney: roundTrips,
    baselineRoundTripsPerJourney: (ctx.counting.roundTrips() - baselineTripsBefore) / journeys,
    batonSeconds,
    baselineSeconds,
    batonPerSecond: journeys / batonSeconds,
    baselinePerSecond: journeys / baselineSeconds,
    queryFirstSeconds,
    queryFirstPerSecond: journeys / queryFirstSeconds,
  };
}
