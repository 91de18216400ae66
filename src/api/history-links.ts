import type { Client } from '@temporalio/client';
import { literal } from '../temporal/deal-visibility';

interface Run {
  runId: string;
  startedMs: number;
}

/** Links from a deal's business history to the Temporal Web UI's raw event history. */
export interface HistoryLinks {
  /** The current run's history page. */
  current?: string;
  /** The history page of the run that was running at business instant `at`. */
  urlAt(at: string): string | undefined;
}

export function historyUrl(uiUrl: string, namespace: string, workflowId: string, runId: string): string {
  return `${uiUrl.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}/history`;
}

/**
 * Finds the run of `workflowId` that recorded each entry: a deal that continued as new has
 * several runs, and an entry lives in the history of the run that was current at its instant
 * (timeline instants are business time: workflow time plus the deal's `timeShiftMs`).
 */
export async function historyLinks(
  client: Client,
  uiUrl: string | undefined,
  deal: { workflowId: string; runId: string; timeShiftMs: number },
): Promise<HistoryLinks> {
  if (!uiUrl) return { urlAt: () => undefined };
  const namespace = client.options.namespace;
  const runs: Run[] = [];
  for await (const execution of client.workflow.list({ query: `WorkflowId = ${literal(deal.workflowId)}` })) {
    runs.push({ runId: execution.runId, startedMs: execution.startTime.getTime() });
  }
  runs.sort((a, b) => a.startedMs - b.startedMs);
  const current = historyUrl(uiUrl, namespace, deal.workflowId, deal.runId);
  return {
    current,
    urlAt(at) {
      const workflowMs = Date.parse(at) - deal.timeShiftMs;
      const run = runs.filter((r) => r.startedMs <= workflowMs).at(-1) ?? runs[0];
      return run ? historyUrl(uiUrl, namespace, deal.workflowId, run.runId) : current;
    },
  };
}
