import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Db } from '../db/connect';
import { projectDealSnapshot } from '../db/read-model/project-deal';
import { projectHandoffSnapshot } from '../db/read-model/project-handoff';
import { snapshotQuery } from '../../workflows/deal-messages';
import { handoffSnapshotQuery } from '../../workflows/handoff-messages';
import { DEAL_WORKFLOW_TYPE, listDeals, literal } from './deal-visibility';

const PAGE_SIZE = 200;
/** Deals read at once: a rebuild must not crowd out the work the workers do. */
const CONCURRENCY = 4;

export interface RebuildReport {
  /** Deals found in visibility (each workflow once, whatever its runs). */
  deals: number;
  /** Rows written or refreshed; the others already held a later projection. */
  written: number;
  handoffs: number;
  /** Deals that could not be read (no worker to answer, past retention...), with why. */
  failed: { workflowId: string; error: string }[];
}

async function dealWorkflowIds(client: Client, partnerId?: string): Promise<string[]> {
  const query = `WorkflowType = ${literal(DEAL_WORKFLOW_TYPE)}${partnerId ? ` AND BatonPartner = ${literal(partnerId)}` : ''}`;
  const ids = new Set<string>();
  let pageToken: string | undefined;
  do {
    const page = await listDeals(client, query, { pageSize: PAGE_SIZE, pageToken });
    for (const deal of page.deals) ids.add(deal.workflowId);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return [...ids].sort();
}

/**
 * Rebuilds the read model from Temporal, the source of truth: every deal workflow in visibility
 * (running or closed, within retention) is asked for its snapshot at its latest projection seq,
 * and so is each of its open handoffs. Queries are acceptable here: this is an offline operator's
 * command, not a hot path. Each write is guarded `not-older`: a row the live projection has moved
 * past is left alone, an equal one refreshed, a missing one inserted, so a rebuild while deals run
 * never moves a row backwards.
 */
export async function rebuildReadModel(client: Client, db: Db, options: { partnerId?: string } = {}): Promise<RebuildReport> {
  const ids = await dealWorkflowIds(client, options.partnerId);
  const report: RebuildReport = { deals: ids.length, written: 0, handoffs: 0, failed: [] };
  let next = 0;
  const rebuildOne = async (workflowId: string): Promise<void> => {
    const handle = client.workflow.getHandle(workflowId);
    const [snapshot, description] = await Promise.all([handle.query(snapshotQuery), handle.describe()]);
    const closed = snapshot.closed || description.status.name !== 'RUNNING';
    if ((await projectDealSnapshot(db, { ...snapshot, closed }, 'not-older')).applied) report.written += 1;
    for (const open of snapshot.view.openHandoffs) {
      try {
        const { seq, view } = await client.workflow.getHandle(open.workflowId).query(handoffSnapshotQuery);
        if ((await projectHandoffSnapshot(db, { workflowId: open.workflowId, dealWorkflowId: workflowId, seq, view }, 'not-older')).applied) report.handoffs += 1;
      } catch (err) {
        // The deal records a handoff as open a moment before its workflow starts.
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    }
  };
  const lanes = Array.from({ length: Math.min(CONCURRENCY, ids.length) }, async () => {
    while (next < ids.length) {
      const workflowId = ids[next++]!;
      await rebuildOne(workflowId).catch((err: unknown) => report.failed.push({ workflowId, error: err instanceof Error ? err.message : String(err) }));
    }
  });
  await Promise.all(lanes);
  return report;
}
