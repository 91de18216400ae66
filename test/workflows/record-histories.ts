/**
 * Re-records the replay fixtures in test/workflows/histories/ from the journeys in
 * fixtures/journeys.ts: `node --import tsx test/workflows/record-histories.ts`. Do it only for
 * a deliberate change of workflow behaviour; the replay test exists to catch accidental ones.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { Deal } from '../../src/domain/schemas/deal';
import { createSimulationEnvironment } from '../../src/simulation/environment';
import { runJourney } from '../../src/simulation/run-journey';
import { bundleBatonWorkflows } from '../../src/temporal/worker';
import { deal, partner, recordedJourneys } from './fixtures/journeys';
import { HISTORIES_DIR, historyToFixture } from './history-files';

const dir = fileURLToPath(HISTORIES_DIR);

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  mkdirSync(dir, { recursive: true });
  const env = await createSimulationEnvironment();
  const workflowBundle = await bundleBatonWorkflows(new DefaultLogger('WARN'));
  try {
    for (const [name, journey] of Object.entries(recordedJourneys)) {
      const result = await runJourney({ env, deal: Deal.parse({ ...deal, id: name }), partner, script: { steps: journey.script(), horizon: journey.horizon }, workflowBundle, taskQueue: `record-${name}` });
      const handoffIds = result.view.timeline.filter((e) => e.type === 'handoff.started').map((e) => String(e.workflowId));
      const handoffs = await Promise.all(handoffIds.map(async (id) => ({ workflowId: id, history: await env.client.workflow.getHandle(id).fetchHistory() })));
      const runs = [...result.histories.map((h, i) => ({ workflowId: result.workflowId, run: i + 1, history: h.history })), ...handoffs.map((h) => ({ ...h, run: 1 }))];
      for (const run of runs) {
        const file = `${name}--${run.workflowId.replace(/[^A-Za-z0-9.-]+/g, '_')}-run${run.run}.json`;
        writeFileSync(`${dir}${file}`, historyToFixture(run.workflowId, run.history));
        console.log(`${file}: ${run.history.events?.length ?? 0} events`);
      }
    }
  } finally {
    await env.teardown();
  }
}

await main();
