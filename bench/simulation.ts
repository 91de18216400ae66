import { Worker } from '@temporalio/worker';
import { readInputFile } from '../src/cli/input-files';
import { Deal } from '../src/domain/schemas/deal';
import { Partner } from '../src/domain/schemas/partner';
import { createSimulationEnvironment } from '../src/simulation/environment';
import { runJourney } from '../src/simulation/run-journey';
import { DEFAULT_HORIZON, instantAfter, Script } from '../src/simulation/script';
import { baselineFinishSignal, baselineNoopUpdate, type baselineWorkflow } from '../workflows/baseline';
import { profileHistories, type ProfileResult } from './profile';
import { say } from './progress';

/** Cold replays of each history timed for the profile (the median is reported). */
const REPLAY_ROUNDS = 5;

export interface SimulationResult {
  horizon: string;
  scriptedActions: number;
  batonWallMs: number;
  baselineWallMs: number;
  /** Events in every run of the deal workflow's history. */
  batonHistoryEvents: number;
  continuedAsNew: number;
  baselineHistoryEvents: number;
  /** Where the journey's events, bytes and replay time go, beside the baseline's. */
  profile: ProfileResult;
}

const journeyFiles = {
  deal: new URL('../examples/simulate/deal.json', import.meta.url),
  partner: new URL('../examples/simulate/partner.json', import.meta.url),
  script: new URL('../examples/simulate/on-time.json', import.meta.url),
};

/**
 * The full example journey (examples/simulate/on-time.json: every step on time, Land to Expand,
 * renewal after 12 months) over 18 months on the time-skipping server, and on the
 * same server a baseline workflow that gets a no-op update at each scripted instant over the same span.
 */
export async function measureSimulation(bundle: { code: string }): Promise<SimulationResult> {
  say('simulation: starting the time-skipping test server');
  const env = await createSimulationEnvironment((line) => say(`simulation: ${line}`));
  try {
    const script = (await readInputFile(journeyFiles.script.pathname, Script, 'journey script')).steps;
    const deal = await readInputFile(journeyFiles.deal.pathname, Deal, 'journey deal');
    const journeyPartner = await readInputFile(journeyFiles.partner.pathname, Partner, 'journey partner');
    say(`simulation: one deal's ${DEFAULT_HORIZON} (${script.length} scripted actions)`);
    const journey = await runJourney({ env, deal, partner: journeyPartner, script: { steps: script, horizon: DEFAULT_HORIZON }, workflowBundle: bundle, taskQueue: 'bench-simulation' });
    const refused = journey.steps.filter((s) => s.outcome !== 'accepted');
    if (refused.length > 0) throw new Error(`the simulated journey is not the full journey: ${refused.map((s) => `${s.action} ${s.outcome}: ${s.reason}`).join('; ')}`);

    const offsets = script.map((s) => instantAfter(deal.bookedOn, s.at) - instantAfter(deal.bookedOn, 'P0D')).sort((a, b) => a - b);
    const horizonMs = instantAfter(deal.bookedOn, DEFAULT_HORIZON) - instantAfter(deal.bookedOn, 'P0D');
    const taskQueue = 'bench-simulation-baseline';
    const worker = await Worker.create({ connection: env.nativeConnection, namespace: env.namespace ?? 'default', taskQueue, workflowBundle: bundle });
    say(`simulation: the baseline over the same ${DEFAULT_HORIZON}`);
    const baseline = await worker.runUntil(async () => {
      const wallStart = performance.now();
      const handle = await env.client.workflow.start<typeof baselineWorkflow>('baselineWorkflow', { taskQueue, workflowId: 'bench-simulation-baseline' });
      const startMs = await env.currentTimeMs();
      const skipTo = async (offset: number) => {
        const wait = startMs + offset - (await env.currentTimeMs());
        if (wait > 0) await env.sleep(wait);
      };
      for (const [i, offset] of offsets.entries()) {
        await skipTo(offset);
        await handle.executeUpdate(baselineNoopUpdate, { args: [i] });
      }
      await skipTo(horizonMs);
      await handle.signal(baselineFinishSignal);
      await handle.result();
      const wallMs = performance.now() - wallStart;
      return { wallMs, historyEvents: (await handle.describe()).historyLength, history: await handle.fetchHistory() };
    });
    say('simulation: profiling the histories (cold replays)');
    const batonHistories = journey.histories.map((run) => run.history);
    const profile: ProfileResult = {
      baton: await profileHistories(batonHistories, batonHistories.at(-1)!, bundle, REPLAY_ROUNDS),
      baseline: await profileHistories([baseline.history], baseline.history, bundle, REPLAY_ROUNDS),
      replayRounds: REPLAY_ROUNDS,
    };
    return {
      horizon: DEFAULT_HORIZON,
      scriptedActions: script.length,
      batonWallMs: journey.wallMs,
      baselineWallMs: baseline.wallMs,
      batonHistoryEvents: journey.histories.reduce((sum, run) => sum + (run.history.events?.length ?? 0), 0),
      continuedAsNew: journey.histories.length - 1,
      baselineHistoryEvents: baseline.historyEvents,
      profile,
    };
  } finally {
    await env.teardown();
  }
}
