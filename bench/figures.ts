import type { CachedMemoryResult } from './cached-memory';
import type { ForecastResult } from './forecast';
import type { LatencyResult } from './latency';
import type { ScaleResult } from './scale';
import type { SimulationResult } from './simulation';
import type { ThroughputResult } from './throughput';

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

export interface BenchResults {
  throughput: ThroughputResult;
  latency: LatencyResult;
  cachedMemory: CachedMemoryResult;
  simulation: SimulationResult;
  scale: ScaleResult;
  forecast: ForecastResult;
}

function figure(id: string, label: string, unit: string, baton: number, baseline: number, goal?: { text: string; met: (baton: number, ratio: number) => boolean }): Figure {
  const ratio = baton / baseline;
  return { id, label, unit, baton, baseline, ratio, ...(goal ? { goal: goal.text, met: goal.met(baton, ratio) } : {}) };
}

export function figuresOf(results: BenchResults): Figure[] {
  const { throughput: t, latency: l, cachedMemory: c, simulation: s, scale, forecast: f } = results;
  const n = scale.deals.toLocaleString('en-US');
  return [
    figure('throughput', `Throughput: deal journeys (baseline: ${t.roundTripsPerJourney} round trips) per second`, '/s', t.batonPerSecond, t.baselinePerSecond, {
      text: 'ratio >= 0.8',
      met: (_, ratio) => ratio >= 0.8,
    }),
    figure('latency.p50', 'step.complete latency p50 (baseline: no-op update)', 'ms', l.baton.p50, l.baseline.p50),
    figure('latency.p95', 'step.complete latency p95 (baseline: no-op update)', 'ms', l.baton.p95, l.baseline.p95, { text: 'ratio <= 1.2', met: (_, ratio) => ratio <= 1.2 }),
    figure('latency.p99', 'step.complete latency p99 (baseline: no-op update)', 'ms', l.baton.p99, l.baseline.p99),
    figure('scale.startSeconds', `Scale: time to start ${n} open deals`, 's', scale.baton.startSeconds, scale.baseline.startSeconds),
    figure('scale.settledSeconds', `Scale: time until the worker has run their tasks`, 's', scale.baton.settledSeconds, scale.baseline.settledSeconds),
    figure('scale.serverRss', `Scale: server resident memory with ${n} open`, 'MiB', scale.baton.serverRssAfterMiB, scale.baseline.serverRssAfterMiB),
    figure('scale.workerRss', `Scale: worker resident memory with ${n} open`, 'MiB', scale.baton.workerRssAfterMiB, scale.baseline.workerRssAfterMiB),
    figure('workerMemory.heapPerWorkflow', 'Worker heap per cached deal (deal + its handoff workflow)', 'KiB', c.baton.heapKiBEach, c.baseline.heapKiBEach),
    figure('workerMemory.rssPerWorkflow', 'Worker RSS per cached deal (deal + its handoff workflow)', 'KiB', c.baton.rssKiBEach, c.baseline.rssKiBEach),
    figure('history.eventsPerJourney', `History events per full ${s.horizon} journey`, 'events', s.batonHistoryEvents, s.baselineHistoryEvents, {
      text: 'Baton <= 300',
      met: (baton) => baton <= 300,
    }),
    figure('simulation.wallSeconds', `Simulation: wall time of one deal's ${s.horizon} (time-skipping)`, 's', s.batonWallMs / 1000, s.baselineWallMs / 1000),
    figure('forecast.seconds', `Forecast: ${f.deals.toLocaleString('en-US')} deals × ${f.horizon} (baseline: plain read of the same rows)`, 's', f.forecastSeconds, f.readSeconds, {
      text: 'Baton < 10 s',
      met: (baton) => baton < 10,
    }),
  ];
}
