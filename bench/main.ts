/**
 * `npm run bench`: Baton against a bare baseline workflow, both measured in this run on the dev
 * server Baton starts (and the time-skipping server for the simulation). Prints the table (or
 * the JSON with --json) and writes bench/results/<timestamp>.json and latest.json.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultLogger } from '@temporalio/worker';
import { defaultPlaybook } from '../src/config/playbook-files';
import { DEFAULT_PROGRAM_ID, loadProgram } from '../src/config/program-files';
import { resolveTemporalCli, type TemporalCliSource } from '../src/platform/temporal-cli';
import type { Playbook } from '../src/domain/playbook/schema';
import type { Program } from '../src/incentives/program-schema';
import { bundleBatonWorkflows } from '../src/temporal/worker';
import { startBenchDatabase } from './bench-database';
import { benchNamespace, startBenchServer } from './bench-server';
import { measureCachedMemory } from './cached-memory';
import { figuresOf, type BenchResults, type CoreResults } from './figures';
import { measureForecast } from './forecast';
import { measureLatency, type LatencyResult } from './latency';
import { measureReadModel } from './read-model/measure';
import { machineInfo } from './machine';
import { parseBenchOptions, type BenchOptions } from './options';
import { say } from './progress';
import { installQuietRuntime } from './quiet-runtime';
import { renderReport, type BenchReport } from './report';
import { connectCountingClient } from './round-trips';
import { measureScale, type ScaleSide } from './scale';
import { TIMER_BOUND_MS } from './timer-window';
import { measureSimulation } from './simulation';
import { measureThroughput, type ThroughputResult } from './throughput';
import { startWorkerProcess } from './worker-child';

async function timedPhase<T>(phases: Record<string, number>, name: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  phases[name] = (performance.now() - start) / 1000;
  say(`${name}: done in ${phases[name].toFixed(1)} s`);
  return result;
}

interface RunContext {
  cli: TemporalCliSource;
  bundlePath: string;
  workDir: string;
  playbook: Playbook;
  program: Program;
  runId: string;
}

/** Throughput, latency and worker memory share one dev server, Baton and baseline alike. */
async function measureOnOneServer(options: BenchOptions, run: RunContext, phases: Record<string, number>): Promise<Pick<CoreResults, 'throughput' | 'latency' | 'cachedMemory'>> {
  const server = await startBenchServer(run.cli, join(run.workDir, 'main'));
  const counting = await connectCountingClient(server.address, benchNamespace);
  try {
    const taskQueue = 'bench';
    const worker = await startWorkerProcess({ address: server.address, namespace: benchNamespace, taskQueue, bundlePath: run.bundlePath, dataDir: join(run.workDir, 'claims') });
    const ctx = { ...run, client: counting.client, counting, taskQueue };
    let throughput: ThroughputResult;
    let latency: LatencyResult;
    try {
      throughput = await timedPhase(phases, 'throughput', () => measureThroughput(ctx, options.journeys, options.journeyConcurrency));
      latency = await timedPhase(phases, 'latency', () => measureLatency(ctx, options.samples));
    } finally {
      await worker.stop();
    }
    const cachedMemory = await timedPhase(phases, 'worker memory', () => measureCachedMemory({ ...run, client: counting.client, address: server.address }, options.cachedDeals));
    return { throughput, latency, cachedMemory };
  } finally {
    await counting.close();
    await server.stop();
  }
}

function coreNotes({ throughput, latency, cachedMemory, simulation, scale, forecast }: CoreResults): string[] {
  return [
    `Throughput: ${throughput.journeys} journeys, ${throughput.concurrency} at a time. A journey: register, poll until the Sales -> CS handoff is open, its 7 ticks, 4 attachments and acceptance (each through actOnDeal: one update, its validator the only check; a second run of the same journeys queries the deal's view before each action, as the API did before the stuck-deal fix), the success plan, and polling until its claim is submitted: ${throughput.roundTripsPerJourney} server round trips on average; each baseline journey (start, no-op updates, finish signal) made ${throughput.baselineRoundTripsPerJourney.toFixed(1)}.`,
    `Latency: ${latency.baton.samples} samples of each, one call at a time, alternating; Baton times ${latency.timed}.`,
    `Scale: ${scale.deals} deals (each with its Sales -> CS handoff workflow and SLA timers) vs ${scale.deals} baseline workflows waiting on a condition, ${scale.concurrency} starts at a time, each side on a fresh dev server and worker process; the worker had ${scale.baton.workerCachedWorkflows} / ${scale.baseline.workerCachedWorkflows} workflows cached at the end. Before: server ${scale.baton.serverRssBeforeMiB.toFixed(0)} / ${scale.baseline.serverRssBeforeMiB.toFixed(0)} MiB, worker ${scale.baton.workerRssBeforeMiB.toFixed(0)} / ${scale.baseline.workerRssBeforeMiB.toFixed(0)} MiB.`,
    `Worker memory: ${cachedMemory.baton.count} deals (${cachedMemory.baton.cachedWorkflows} workflows cached) vs ${cachedMemory.baseline.count} baseline workflows (${cachedMemory.baseline.cachedWorkflows} cached), each in a fresh worker process; RSS after a full GC, heap the reachable bytes of the main thread and the workflow thread from heap snapshots (per deal: main ${cachedMemory.baton.mainHeapKiBEach.toFixed(1)} + workflows ${cachedMemory.baton.workflowHeapKiBEach.toFixed(1)} KiB; per baseline workflow: ${cachedMemory.baseline.mainHeapKiBEach.toFixed(1)} + ${cachedMemory.baseline.workflowHeapKiBEach.toFixed(1)} KiB).`,
    `Simulation: the full on-time example journey, examples/simulate/on-time.json (${simulation.scriptedActions} scripted actions, ${simulation.continuedAsNew} continue-as-new); the baseline gets a no-op update at the same instants over the same ${simulation.horizon}.`,
    `Forecast: ${forecast.deals} open deals in the read model (a database of their own), every window closing within ${forecast.horizon} (${forecast.windows} windows) forecast by quarter; the baseline reads the same rows and columns and computes nothing; best of ${forecast.rounds} rounds each.`,
    ...(scale.baton.timers && scale.baseline.timers ? [timerWindowNote(scale.baton.timers, scale.baseline.timers)] : []),
    ...(Number.isFinite(scale.baton.serverRssAfterMiB) ? [] : ['Server memory n/a: the SDK downloaded and started the Temporal CLI, so Baton has no process id to read it from.']),
  ];
}

function timerWindowNote(baton: NonNullable<ScaleSide['timers']>, baseline: NonNullable<ScaleSide['timers']>): string {
  const side = (t: NonNullable<ScaleSide['timers']>) =>
    `${t.due} timers due (of ${t.timedWorkflows} timed workflows), ${t.withinBound} acted on within ${TIMER_BOUND_MS / 1000} s, worst ${(t.lateness.maxMs / 1000).toFixed(1)} s${t.caughtUpBeforeWindow ? '' : ', the window opened late, once the worker had caught up'}`;
  return `Timer window: ${baton.windowSeconds} s from ${baton.windowStart}, one open workflow in ten with a timer due in it, each judged from its instant until the workflow task after its firing completed. Baton: ${side(baton)}. Baseline: ${side(baseline)}.`;
}

async function runBench(options: BenchOptions, workDir: string): Promise<BenchReport> {
  const startedAt = new Date();
  const loadAtStart = loadavg()[0]!;
  const phases: Record<string, number> = {};
  say(`mode ${options.mode}: ${options.journeys} journeys, ${options.samples} latency samples, ${options.cachedDeals} cached deals, ${options.deals} open deals`);

  const cli = await resolveTemporalCli(say);
  const bundle = await bundleBatonWorkflows(new DefaultLogger('WARN'));
  const bundlePath = join(workDir, 'workflows.js');
  writeFileSync(bundlePath, bundle.code);
  const playbook = await defaultPlaybook();
  const program = await loadProgram(DEFAULT_PROGRAM_ID);
  const runId = `bench-${startedAt.getTime()}`;

  const results: BenchResults = {};
  const notes: string[] = [];
  // First, while the shared database's read model is empty; it leaves it empty again.
  if (options.phases.includes('read-model')) {
    const readModel = await timedPhase(phases, 'read model', () => measureReadModel({ cli, bundlePath, workDir, playbook, program }, options.readModel));
    results.readModel = readModel;
    const r = readModel.sizes;
    notes.push(
      `Read model: ${r.small.toLocaleString('en-US')} then ${r.large.toLocaleString('en-US')} deals of one partner in PostgreSQL, all but ${readModel.projectionLag.deals} seeded through the projection's upsert from a live deal's snapshot (next deadlines spread over a year); the inbox person holds ${r.inboxDeals} of them at both sizes. ${r.routeSamples} GETs of each route one at a time through the API in this process; each console page loaded ${r.renderLoads} times in a signed-in Chromium tab (median, from navigation until its data is shown). Projection lag: ${r.lagActions} deadline pauses and resumes on each of ${readModel.projectionLag.deals} live deals, from the update's answer until the row shows it (polled every 2 ms).`,
    );
  }
  if (options.phases.includes('core')) {
    const { throughput, latency, cachedMemory } = await measureOnOneServer(options, { cli, bundlePath, workDir, playbook, program, runId }, phases);
    const simulation = await timedPhase(phases, 'simulation', () => measureSimulation(bundle));
    const scale = await timedPhase(phases, 'scale', () => measureScale({ cli, bundlePath, workDir, playbook, program }, options.deals, options.startConcurrency, options.timerWindow));
    const forecast = await timedPhase(phases, 'forecast', () => measureForecast(options.deals, program, playbook));
    results.core = { throughput, latency, cachedMemory, simulation, scale, forecast };
    notes.push(...coreNotes(results.core));
  }
  return {
    startedAt: startedAt.toISOString(),
    durationSeconds: (Date.now() - startedAt.getTime()) / 1000,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: machineInfo(cli.kind === 'path' ? cli.path : undefined),
    loadAverage: { start: loadAtStart, end: loadavg()[0]! },
    figures: figuresOf(results),
    notes,
    details: { options, phaseSeconds: phases, ...results },
  };
}

function writeResults(report: BenchReport, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${report.startedAt.replace(/[:.]/g, '-')}.json`);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  writeFileSync(file, json);
  writeFileSync(join(dir, 'latest.json'), json);
  return file;
}

installQuietRuntime();
let options: BenchOptions;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (err) {
  console.error((err as Error).message);
  process.exit(2);
}
const workDir = mkdtempSync(join(tmpdir(), 'baton-bench-'));
const database = await startBenchDatabase(workDir);
try {
  const report = await runBench(options, workDir);
  const file = writeResults(report, options.resultsDir);
  if (options.json) console.log(JSON.stringify(report, null, 2));
  else console.log(`\n${renderReport(report)}\nResults: ${file}`);
} catch (err) {
  console.error(err);
  process.exitCode = 1;
} finally {
  await database.stop();
  rmSync(workDir, { recursive: true, force: true });
}
