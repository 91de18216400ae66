import { expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { quietTemporalRuntime, workflowBundle } from '../support/temporal';
import { recordedJourneys } from './fixtures/journeys';
import { readHistories } from './history-files';
import { replayReadModelSinks } from '../../src/temporal/read-model-sinks';

/**
 * The recorded journeys replayed against the current workflow code: a change that would make a
 * running deal (or handoff) nondeterministic fails here. Re-record deliberately with
 * `node --import tsx test/workflows/record-histories.ts`.
 */
it('replays every recorded journey deterministically', async () => {
  quietTemporalRuntime();
  const histories = readHistories();
  for (const name of Object.keys(recordedJourneys)) expect(histories.some((h) => h.file.startsWith(`${name}--`))).toBe(true);

  const failures: string[] = [];
  for await (const result of Worker.runReplayHistories({ workflowBundle: workflowBundle(), sinks: replayReadModelSinks }, histories)) {
    if (result.error) failures.push(`${result.workflowId} (${result.runId}): ${result.error.message}`);
  }
  expect(failures).toEqual([]);
});
