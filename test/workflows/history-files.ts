import { readdirSync, readFileSync } from 'node:fs';
import protos from '@temporalio/proto';
import type { History } from '@temporalio/common/lib/proto-utils';

/**
 * Replay fixtures as JSON. Not the SDK's historyToJSON/historyFromJSON: with this install's
 * nested protobufjs copies (@temporalio/common and @temporalio/proto each bring their own) both
 * throw "type must be a Type". The proto class's own toObject/fromObject round-trip instead:
 * enum names, int64 as strings, payload bytes as base64.
 */
const HistoryType = protos.temporal.api.history.v1.History;

/** The workflow id is kept with the history: the workflow derives its children's ids from it. */
export function historyToFixture(workflowId: string, history: History): string {
  const object = HistoryType.toObject(HistoryType.fromObject(history), { longs: String, enums: String, bytes: String });
  return `${JSON.stringify({ workflowId, history: object }, null, 1)}\n`;
}

export function historyFromFixture(json: string): { workflowId: string; history: History } {
  const { workflowId, history } = JSON.parse(json) as { workflowId: string; history: object };
  return { workflowId, history: HistoryType.fromObject(history) };
}

export const HISTORIES_DIR = new URL('./histories/', import.meta.url);

/** Every fixture with the name of its file. */
export function readHistories(): { file: string; workflowId: string; history: History }[] {
  return readdirSync(HISTORIES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...historyFromFixture(readFileSync(new URL(file, HISTORIES_DIR), 'utf8')) }));
}
