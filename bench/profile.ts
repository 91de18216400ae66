import protos from '@temporalio/proto';
import { Worker, type History } from '@temporalio/worker';
import { replayReadModelSinks } from '../src/temporal/read-model-sinks';

// The package is CommonJS: its classes are read from the default export under Node's ESM loader.
const { HistoryEvent } = protos.temporal.api.history.v1;
const { EventType } = protos.temporal.api.enums.v1;

/** Events of one type in a history: how many, and their encoded size. */
export interface EventTypeProfile {
  type: string;
  count: number;
  bytes: number;
}

/** What the parts of a workflow's start input weigh, JSON bytes per top-level key. */
export type InputParts = Record<string, number>;

/** Where one history's events and bytes go, and what replaying it on a cold worker costs. */
export interface HistoryProfile {
  events: number;
  bytes: number;
  /** Workflow tasks completed: one activation (or a few, with local activities) each. */
  workflowTasks: number;
  byType: EventTypeProfile[];
  /** The first run's start event, encoded. */
  startEventBytes: number;
  /** The start event's input, by top-level key (bytes of its JSON). */
  startInput: InputParts;
  /** Inputs of the child workflows it started (the handoffs), by top-level key, summed. */
  childInputs: InputParts;
  childStarts: number;
  /** Replaying the whole history in a fresh replay worker (the cost of a cold cache), median. */
  replayMs: number;
}

export interface ProfileResult {
  /** Every run of the deal's full journey, summed (the replay: the last run's). */
  baton: HistoryProfile;
  baseline: HistoryProfile;
  replayRounds: number;
}

const typeName = (type: number | null | undefined): string =>
  (EventType[type ?? 0] ?? String(type))
    .replace(/^EVENT_TYPE_/, '')
    .toLowerCase()
    .replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

function decodeArgs(payloads: { data?: Uint8Array | null }[] | null | undefined): unknown[] {
  return (payloads ?? []).map((p) => (p.data ? (JSON.parse(Buffer.from(p.data).toString('utf8')) as unknown) : null));
}

function addParts(into: InputParts, args: unknown[]): void {
  for (const arg of args) {
    if (arg === null || typeof arg !== 'object') continue;
    for (const [key, value] of Object.entries(arg)) into[key] = (into[key] ?? 0) + Buffer.byteLength(JSON.stringify(value));
  }
}

async function medianReplayMs(history: History, workflowBundle: { code: string }, rounds: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const start = performance.now();
    await Worker.runReplayHistory({ workflowBundle, sinks: replayReadModelSinks }, history);
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

/** The profile of a workflow's runs; `replayed` is the one replayed (a deal's last run holds its whole memory). */
export async function profileHistories(histories: History[], replayed: History, workflowBundle: { code: string }, rounds: number): Promise<HistoryProfile> {
  const byType = new Map<string, EventTypeProfile>();
  const profile: HistoryProfile = { events: 0, bytes: 0, workflowTasks: 0, byType: [], startEventBytes: 0, startInput: {}, childInputs: {}, childStarts: 0, replayMs: 0 };
  for (const [run, history] of histories.entries()) {
    for (const event of history.events ?? []) {
      const type = typeName(event.eventType);
      const bytes = HistoryEvent.encode(event).finish().length;
      const entry = byType.get(type) ?? { type, count: 0, bytes: 0 };
      entry.count += 1;
      entry.bytes += bytes;
      byType.set(type, entry);
      profile.events += 1;
      profile.bytes += bytes;
      if (type === 'workflowTaskCompleted') profile.workflowTasks += 1;
      if (run === 0 && event.workflowExecutionStartedEventAttributes) {
        profile.startEventBytes = bytes;
        addParts(profile.startInput, decodeArgs(event.workflowExecutionStartedEventAttributes.input?.payloads));
      }
      const child = event.startChildWorkflowExecutionInitiatedEventAttributes;
      if (child) {
        profile.childStarts += 1;
        addParts(profile.childInputs, decodeArgs(child.input?.payloads));
      }
    }
  }
  profile.byType = [...byType.values()].sort((a, b) => b.bytes - a.bytes);
  profile.replayMs = await medianReplayMs(replayed, workflowBundle, rounds);
  return profile;
}
