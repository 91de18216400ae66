/**
 * Records a new generation of replay fixtures in test/workflows/histories/ from the journeys in
 * fixtures/journeys.ts: `node --import tsx test/workflows/record-histories.ts <generation>`, e.g.
 * `g2` after a change of workflow commands behind `patched()`. Earlier generations are kept, never
 * overwritten: deals recorded by earlier code are still running somewhere and must still replay.
 */
import { existsSync } from 'node:fs';
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

async function main(generation: string | undefined): Promise<void> {
  if (!generation || !/^g\d+$/.test(generation)) throw new Error('usage: record-histories.ts <generation>, e.g. g2 (earlier generations are kept)');
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
        const file = `${generation}.${name}--${run.workflowId.replace(/[^A-Za-z0-9.-]+/g, '_')}-run${run.run}.json`;
        if (existsSync(`${dir}${file}`)) throw new Error(`${file} exists: choose a new generation`);
        writeFileSync(`${dir}${file}`, historyToFixture(run.workflowId, run.history));
        console.log(`${file}: ${run.history.events?.length ?? 0} events`);
      }
    }
  } finally {
    await env.teardown();
  }
}

await main(process.argv[2]);
