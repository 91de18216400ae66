import { WorkflowNotFoundError, type Client, type SignalDefinition, type WorkflowHandle } from '@temporalio/client';
import { awaitDealRow } from '../api/await-projection';
import type { Db } from '../db/connect';
import { projectDealSnapshot } from '../db/read-model/project-deal';
import { projectHandoffSnapshot } from '../db/read-model/project-handoff';
import { reprojectSignal, snapshotQuery, type DealSnapshot, type DealView } from '../../workflows/deal-messages';
import { handoffReprojectSignal, handoffSnapshotQuery } from '../../workflows/handoff-messages';
import { DEAL_WORKFLOW_TYPE, listDeals, literal } from './deal-visibility';
import { queryUnlessStalled } from './safe-query';

const PAGE_SIZE = 200;
/** Deals rebuilt at once: a rebuild must not crowd out the work the workers do. */
const CONCURRENCY = 8;
const POLL_MS = 100;
/** How long a running deal has to write its row once asked; after that it is read (guarded query). */
export const REPROJECT_TIMEOUT_MS = 15_000;

export interface RebuildReport {
  /** Deals found in visibility (each workflow once, whatever its runs). */
  deals: number;
  /** Rows written or refreshed; the others already held a later projection. */
  written: number;
  handoffs: number;
  /** Deals that could not be read (no worker to answer, past retention...), with why. */
  failed: { workflowId: string; error: string }[];
}

export interface RebuildOptions {
  partnerId?: string;
  /** See REPROJECT_TIMEOUT_MS. */
  reprojectTimeoutMs?: number;
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

/** Signals a running workflow; false when it closed meanwhile (then it is read as closed). */
async function signalled(handle: WorkflowHandle, signal: SignalDefinition): Promise<boolean> {
  try {
    await handle.signal(signal);
    return true;
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return false;
    throw err;
  }
}

type Table = 'deal_read_model' | 'handoff_read_model';

async function storedSeq(db: Db, table: Table, workflowId: string): Promise<number> {
  const row = await db.selectFrom(table).select('seq').where('workflow_id', '=', workflowId).executeTakeFirst();
  return row?.seq ?? -1;
}

/** Waits until the handoff's row's seq passes `before` (the deal's row: awaitDealRow); false when it did not in time. */
async function handoffRowAdvanced(db: Db, workflowId: string, before: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await storedSeq(db, 'handoff_read_model', workflowId)) > before) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Rebuilds the read model from Temporal, the source of truth, for every deal workflow in
 * visibility (running or closed, within retention) and each of its open handoffs.
 *
 * A running workflow is never queried: it is signalled to write its own row again through its
 * live projection (a signal reaches it the way every action does, through a workflow task),
 * and the rebuild waits for the row's seq to move. A query to an idle deal whose worker died is
 * how @temporalio 1.24 wedged deals (test/faults/stuck-deal.test.ts); a closed workflow takes no
 * new task, so asking it is safe. Runs from before the read model have no projection: after the
 * timeout they are read through the guarded query. Closed deals are written `not-older`: a row
 * the live projection has moved past is left alone, so a rebuild never moves a row backwards.
 */
export async function rebuildReadModel(client: Client, db: Db, options: RebuildOptions = {}): Promise<RebuildReport> {
  const timeoutMs = options.reprojectTimeoutMs ?? REPROJECT_TIMEOUT_MS;
  const ids = await dealWorkflowIds(client, options.partnerId);
  const report: RebuildReport = { deals: ids.length, written: 0, handoffs: 0, failed: [] };

  const rebuildHandoff = async (workflowId: string, dealWorkflowId: string): Promise<void> => {
    const handle = client.workflow.getHandle(workflowId);
    let status: string;
    try {
      status = (await handle.describe()).status.name;
    } catch (err) {
      // The deal records a handoff as open a moment before its workflow starts.
      if (err instanceof WorkflowNotFoundError) return;
      throw err;
    }
    const before = await storedSeq(db, 'handoff_read_model', workflowId);
    if (status === 'RUNNING' && (await signalled(handle, handoffReprojectSignal))) {
      if (await handoffRowAdvanced(db, workflowId, before, timeoutMs)) report.handoffs += 1;
      return;
    }
    const { seq, view } = await handle.query(handoffSnapshotQuery);
    if ((await projectHandoffSnapshot(db, { workflowId, dealWorkflowId, seq, view }, 'not-older')).applied) report.handoffs += 1;
  };

  const written = async (snapshot: DealSnapshot): Promise<DealView> => {
    if ((await projectDealSnapshot(db, snapshot, 'not-older')).applied) report.written += 1;
    return snapshot.view;
  };

  const rebuildDeal = async (workflowId: string): Promise<DealView> => {
    const handle = client.workflow.getHandle(workflowId);
    const { status } = await handle.describe();
    if (status.name === 'RUNNING') {
      const before = await storedSeq(db, 'deal_read_model', workflowId);
      if (await signalled(handle, reprojectSignal)) {
        const row = await awaitDealRow(db, workflowId, (r) => r.seq > before, timeoutMs);
        if (row) {
          report.written += 1;
          return row.view;
        }
        // No projection in this run (started before the read model), or a row ahead of it.
        return written(await queryUnlessStalled(handle, snapshotQuery));
      }
    }
    // Closed, perhaps a moment ago: it takes no new task, so asking it is safe.
    return written({ ...(await handle.query(snapshotQuery)), closed: true });
  };

  const rebuildOne = async (workflowId: string): Promise<void> => {
    const view = await rebuildDeal(workflowId);
    for (const open of view.openHandoffs) await rebuildHandoff(open.workflowId, workflowId);
  };

  let next = 0;
  const lanes = Array.from({ length: Math.min(CONCURRENCY, ids.length) }, async () => {
    while (next < ids.length) {
      const workflowId = ids[next++]!;
      await rebuildOne(workflowId).catch((err: unknown) => report.failed.push({ workflowId, error: err instanceof Error ? err.message : String(err) }));
    }
  });
  await Promise.all(lanes);
  return report;
}
