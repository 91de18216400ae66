import { parseArgs } from 'node:util';

import { slaDurationMs } from '../src/domain/playbook/handoff-sla';
import type { ReadModelSizes } from './read-model/measure';
import { DEFAULT_TIMER_LEAD_MS, type TimerWindowOptions } from './timer-window';

export type BenchMode = 'quick' | 'default' | 'large';

/** The phases `--only` can pick: `read-model` is the read side (routes, projection lag, console renders). */
export const PHASES = ['core', 'read-model'] as const;
export type BenchPhase = (typeof PHASES)[number];

export interface BenchOptions {
  mode: BenchMode;
  /** Deal journeys (and as many baseline journeys) for throughput. */
  journeys: number;
  journeyConcurrency: number;
  /** Latency samples of each kind. */
  samples: number;
  /** Open deals (and as many baseline workflows) for scale. */
  deals: number;
  startConcurrency: number;
  /** Deals (and baseline workflows) a fresh worker caches for the memory per workflow. */
  cachedDeals: number;
  /** The read side's two sizes of the read model and its sample counts. */
  readModel: ReadModelSizes;
  /** A window after the scale starts in which one open workflow in ten has a timer due; none by default at 10,000. */
  timerWindow?: TimerWindowOptions;
  /** The phases to run: every one unless `--only` names one. */
  phases: BenchPhase[];
  /** Print the JSON results instead of the table. */
  json: boolean;
  resultsDir: string;
}

const fullReadModel: ReadModelSizes = { small: 1_000, large: 10_000, inboxDeals: 50, routeSamples: 200, renderLoads: 5, lagDeals: 5, lagActions: 20 };

const presets: Record<BenchMode, Omit<BenchOptions, 'mode' | 'json' | 'resultsDir' | 'phases'>> = {
  quick: {
    journeys: 5,
    journeyConcurrency: 5,
    samples: 20,
    deals: 50,
    startConcurrency: 10,
    cachedDeals: 50,
    readModel: { small: 100, large: 1_000, inboxDeals: 20, routeSamples: 20, renderLoads: 2, lagDeals: 2, lagActions: 4 },
    timerWindow: { leadMs: 15_000, windowMs: 15_000 },
  },
  default: { journeys: 200, journeyConcurrency: 20, samples: 200, deals: 10_000, startConcurrency: 50, cachedDeals: 500, readModel: fullReadModel },
  large: {
    journeys: 200,
    journeyConcurrency: 20,
    samples: 200,
    deals: 100_000,
    startConcurrency: 50,
    cachedDeals: 500,
    readModel: fullReadModel,
    timerWindow: { leadMs: DEFAULT_TIMER_LEAD_MS, windowMs: 3_600_000 },
  },
};

export const usage = `npm run bench -- [--quick | --large] [--only PHASE] [--deals N] [--journeys N] [--samples N]
                      [--timer-window ISO] [--timer-lead ISO] [--json] [--results DIR]
  --quick       small counts: a smoke run of every figure
  --large       100,000 open deals instead of 10,000, and an hour of timers 2.5 h after their first start
  --only PHASE  run one phase: core (throughput, latency, memory, simulation, scale) or
                read-model (GET /deals, /inbox, /metrics at 1,000 and 10,000 deals, projection lag,
                the console's first renders)
  --deals N     open deals (and baseline workflows) for the scale figures
  --journeys N  deal journeys (and baseline journeys) for throughput
  --samples N   latency samples of each kind
  --timer-window ISO  after the scale's starts, a window (e.g. PT1H) in which one open deal (and
                baseline workflow) in ten has a timer due, each judged by how late it was acted on
  --timer-lead ISO    from the first start until the window opens (default PT2H30M, or the preset's)
  --json        print the JSON results instead of the table
  --results DIR where the JSON results go (default bench/results)`;

function duration(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = slaDurationMs(value);
  if (ms === undefined) throw new Error(`${option} must be a duration of days and time, e.g. PT1H or PT2H30M, got ${value}\n${usage}`);
  return ms;
}

/** The preset's window, or the one the flags give (a lead alone moves the preset's window). */
function timerWindowOf(preset: TimerWindowOptions | undefined, window: number | undefined, lead: number | undefined): TimerWindowOptions | undefined {
  if (window === undefined && lead === undefined) return preset;
  const windowMs = window ?? preset?.windowMs;
  if (windowMs === undefined) throw new Error(`--timer-lead needs --timer-window (the preset has no timer window)\n${usage}`);
  return { windowMs, leadMs: lead ?? preset?.leadMs ?? DEFAULT_TIMER_LEAD_MS };
}

function count(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${option} must be a positive whole number, got ${value}\n${usage}`);
  return n;
}

export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      large: { type: 'boolean', default: false },
      deals: { type: 'string' },
      journeys: { type: 'string' },
      samples: { type: 'string' },
      json: { type: 'boolean', default: false },
      results: { type: 'string', default: 'bench/results' },
      only: { type: 'string' },
      'timer-window': { type: 'string' },
      'timer-lead': { type: 'string' },
    },
    strict: true,
  });
  if (values.quick && values.large) throw new Error(`--quick and --large do not go together\n${usage}`);
  const mode: BenchMode = values.quick ? 'quick' : values.large ? 'large' : 'default';
  const preset = presets[mode];
  const journeys = count(values.journeys, '--journeys') ?? preset.journeys;
  if (values.only !== undefined && !(PHASES as readonly string[]).includes(values.only)) throw new Error(`--only must be one of ${PHASES.join(', ')}, got ${values.only}\n${usage}`);
  return {
    ...preset,
    mode,
    journeys,
    journeyConcurrency: Math.min(preset.journeyConcurrency, journeys),
    samples: count(values.samples, '--samples') ?? preset.samples,
    deals: count(values.deals, '--deals') ?? preset.deals,
    timerWindow: timerWindowOf(preset.timerWindow, duration(values['timer-window'], '--timer-window'), duration(values['timer-lead'], '--timer-lead')),
    phases: values.only !== undefined ? [values.only as BenchPhase] : [...PHASES],
    json: values.json,
    resultsDir: values.results,
  };
}
