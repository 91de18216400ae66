import type { CachedMemoryResult } from './cached-memory';
import type { ForecastResult } from './forecast';
import type { LatencyResult } from './latency';
import type { ReadModelResult } from './read-model/measure';
import type { ScaleResult } from './scale';
import type { SimulationResult } from './simulation';
import type { ThroughputResult } from './throughput';
import { TIMER_BOUND_MS } from './timer-window';

/** One reported figure: Baton's value, the baseline's in the same run, and Baton / baseline. */
export interface Figure {
  id: string;
  label: string;
  unit: string;
  baton: number;
  baseline: number;
  ratio: number;
  /** What the requirement asks of the figure, when it asks something. */
  goal?: string;
  met?: boolean;
}

/** What each phase measured; a phase left out by `--only` has none. */
export interface CoreResults {
  throughput: ThroughputResult;
  latency: LatencyResult;
  cachedMemory: CachedMemoryResult;
  simulation: SimulationResult;
  scale: ScaleResult;
  forecast: ForecastResult;
}

export interface BenchResults {
  core?: CoreResults;
  readModel?: ReadModelResult;
}

function figure(id: string, label: string, unit: string, baton: number, baseline: number, goal?: { text: string; met: (baton: number, ratio: number) => boolean }): Figure {
  const ratio = baton / baseline;
  return { id, label, unit, baton, baseline, ratio, ...(goal ? { goal: goal.text, met: goal.met(baton, ratio) } : {}) };
}

export function figuresOf(results: BenchResults): Figure[] {
  return [...(results.core ? coreFigures(results.core) : []), ...(results.readModel ? readModelFigures(results.readModel) : [])];
}

/**
 * The read side: each figure is its value at the large size against the same at the small size
 * (the baseline), so the ratio is how it grows with ten times the deals; the projection lag is set
 * against the round trip of the updates it follows.
 */
function readModelFigures(r: ReadModelResult): Figure[] {
  const small = r.small.deals.toLocaleString('en-US');
  const large = r.large.deals.toLocaleString('en-US');
  const routeP95 = (at: typeof r.small, route: string) => at.routes.find((x) => x.route === route)!.p95;
  const render = (at: typeof r.small, page: string) => at.firstRender.find((x) => x.page === page)!.p50;
  const routes: [string, string, string][] = [
    ['readModel.deals.p95', 'GET /deals?pageSize=25', '/deals?pageSize=25'],
    ['readModel.inbox.p95', `GET /inbox (${r.sizes.inboxDeals} deals held)`, '/inbox'],
    ['readModel.metrics.p95', 'GET /metrics', '/metrics'],
  ];
  return [
    ...routes.map(([id, label, route]) =>
      figure(id, `${label} p95 at ${large} deals (baseline: at ${small})`, 'ms', routeP95(r.large, route), routeP95(r.small, route), { text: 'ratio <= 1.5', met: (_, ratio) => ratio <= 1.5 }),
    ),
    figure('readModel.projectionLag.p95', `Projection lag p95, update answered to row shows it (baseline: the update's round trip)`, 'ms', r.projectionLag.lag.p95, r.projectionLag.update.p95),
    ...[
      ['myWork', 'My work'],
      ['deals', 'Deals'],
      ['board', 'Board'],
    ].map(([id, page]) =>
      figure(`console.firstRender.${id}`, `Console first render of ${page} at ${large} deals (baseline: at ${small})`, 'ms', render(r.large, page!), render(r.small, page!), {
        text: 'Baton < 1000 ms',
        met: (baton) => baton < 1000,
      }),
    ),
  ];
}

/** Only when the run had a timer window (`--quick`, `--large`, `--timer-window`). */
function timerWindowFigures({ baton, baseline }: ScaleResult): Figure[] {
  if (!baton.timers || !baseline.timers) return [];
  const bound = TIMER_BOUND_MS / 1000;
  return [
    figure('scale.timers.p99', `Scale: lateness p99 of the timers due in the ${baton.timers.windowSeconds} s window`, 'ms', baton.timers.lateness.p99, baseline.timers.lateness.p99),
    figure('scale.timers.max', `Scale: worst lateness of the timers due in the window (${baton.timers.due} due)`, 'ms', baton.timers.lateness.maxMs, baseline.timers.lateness.maxMs, {
      text: `every timer due acted on within ${bound} s`,
      met: () => baton.timers!.due > 0 && baton.timers!.withinBound === baton.timers!.due,
    }),
  ];
}

function coreFigures(results: CoreResults): Figure[] {
  const { throughput: t, latency: l, cachedMemory: c, simulation: s, scale, forecast: f } = results;
  const n = scale.deals.toLocaleString('en-US');
  return [
    figure('throughput', `Throughput: deal journeys (baseline: ${t.roundTripsPerJourney} round trips) per second`, '/s', t.batonPerSecond, t.baselinePerSecond, {
      text: 'ratio >= 0.8',
      met: (_, ratio) => ratio >= 0.8,
    }),
    figure('throughput.fixCost', 'Stuck-deal fix: deal journeys per second, actions as one update (baseline: a view query before each, as before the fix)', '/s', t.batonPerSecond, t.queryFirstPerSecond),
    figure('latency.fixCost.p95', 'Stuck-deal fix: step.complete p95 as one update (baseline: a view query first, as before the fix)', 'ms', l.baton.p95, l.queryFirst.p95),
    figure('latency.p50', 'step.complete latency p50 (baseline: no-op update)', 'ms', l.baton.p50, l.baseline.p50),
    figure('latency.p95', 'step.complete latency p95 (baseline: no-op update)', 'ms', l.baton.p95, l.baseline.p95, { text: 'ratio <= 1.2', met: (_, ratio) => ratio <= 1.2 }),
    figure('latency.p99', 'step.complete latency p99 (baseline: no-op update)', 'ms', l.baton.p99, l.baseline.p99),
    figure('scale.startSeconds', `Scale: time to start ${n} open deals`, 's', scale.baton.startSeconds, scale.baseline.startSeconds),
    figure('scale.settledSeconds', `Scale: time until the worker has run their tasks`, 's', scale.baton.settledSeconds, scale.baseline.settledSeconds),
    figure('scale.serverRss', `Scale: server resident memory with ${n} open`, 'MiB', scale.baton.serverRssAfterMiB, scale.baseline.serverRssAfterMiB),
    figure('scale.workerRss', `Scale: worker resident memory with ${n} open`, 'MiB', scale.baton.workerRssAfterMiB, scale.baseline.workerRssAfterMiB),
    ...timerWindowFigures(scale),
    figure('workerMemory.heapPerWorkflow', 'Worker heap per cached deal (deal + its handoff workflow)', 'KiB', c.baton.heapKiBEach, c.baseline.heapKiBEach),
    figure('workerMemory.rssPerWorkflow', 'Worker RSS per cached deal (deal + its handoff workflow)', 'KiB', c.baton.rssKiBEach, c.baseline.rssKiBEach),
    figure('history.eventsPerJourney', `History events per full ${s.horizon} journey`, 'events', s.batonHistoryEvents, s.baselineHistoryEvents, {
      text: 'Baton <= 300',
      met: (baton) => baton <= 300,
    }),
    figure('profile.startEventBytes', `Profile: encoded bytes of the deal's start event`, 'B', s.profile.baton.startEventBytes, s.profile.baseline.startEventBytes),
    figure('profile.historyBytes', `Profile: encoded bytes of the full ${s.horizon} journey's histories`, 'KiB', s.profile.baton.bytes / 1024, s.profile.baseline.bytes / 1024),
    figure('profile.replayMs', `Profile: replaying the journey's last run on a cold worker (median)`, 'ms', s.profile.baton.replayMs, s.profile.baseline.replayMs),
    figure('simulation.wallSeconds', `Simulation: wall time of one deal's ${s.horizon} (time-skipping)`, 's', s.batonWallMs / 1000, s.baselineWallMs / 1000),
    figure('forecast.seconds', `Forecast: ${f.deals.toLocaleString('en-US')} deals × ${f.horizon} (baseline: plain read of the same rows)`, 's', f.forecastSeconds, f.readSeconds, {
      text: 'Baton < 10 s',
      met: (baton) => baton < 10,
    }),
  ];
}
