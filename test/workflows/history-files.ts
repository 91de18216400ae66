import { readdirSync, readFileSync } from 'node:fs';
import { historyFromJSON, historyToJSON, type History } from '@temporalio/common/lib/proto-utils';

/**
 * Replay fixtures in the SDK's JSON history format (the one `temporal workflow show --output json`
 * and the Web UI's download produce), so a history from production can be dropped in beside them.
 * The workflow id is kept with the history: the workflow derives its children's ids from it.
 */
export function historyToFixture(workflowId: string, history: History): string {
  return `${JSON.stringify({ workflowId, history: JSON.parse(historyToJSON(history)) }, null, 1)}\n`;
}

export function historyFromFixture(json: string): { workflowId: string; history: History } {
  const { workflowId, history } = JSON.parse(json) as { workflowId: string; history: unknown };
  return { workflowId, history: historyFromJSON(history) };
}

export const HISTORIES_DIR = new URL('./histories/', import.meta.url);

/** Every fixture with the name of its file. */
export function readHistories(): { file: string; workflowId: string; history: History }[] {
  return readdirSync(HISTORIES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...historyFromFixture(readFileSync(new URL(file, HISTORIES_DIR), 'utf8')) }));
}
