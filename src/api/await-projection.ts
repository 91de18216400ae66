import type { Db } from '../db/connect';
import { dealRow, type DealRow } from '../db/read-model/deal-list';
import { handoffRowSeq } from '../db/read-model/handoff-list';
import type { UserAction } from '../domain/schemas/actions';
import type { ActionResult, DealView } from '../../workflows/deal-messages';
import type { TimelineEntry } from '../../workflows/deal-state';
import type { HandoffActionResult } from '../../workflows/handoff-messages';

const POLL_MS = 15;

/**
 * Waits, at most `timeoutMs`, for the deal's read-model row to satisfy `reflects`: the read model
 * is written a moment after the workflow changes, and a caller who just acted reads next. Undefined
 * when it did not in time (the database is slow or down: the action itself stands).
 */
export async function awaitDealRow(db: Db, workflowId: string, reflects: (row: DealRow) => boolean, timeoutMs: number): Promise<DealRow | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await dealRow(db, workflowId);
    if (row && reflects(row)) return row;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Waits, at most `timeoutMs`, for the handoff's row to reach `seq` (the seq its action answered
 * with); false when it did not in time.
 */
export async function awaitHandoffRow(db: Db, workflowId: string, seq: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await handoffRowSeq(db, workflowId)) >= seq) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Whether the row holds every one of `entries`: timeline ids count from `t1` and the timeline
 * only grows, and the projection writes whenever its length changed, so a row whose timeline is
 * as long as the last entry's number holds the action.
 */
export function holdsEntries(entries: readonly TimelineEntry[]): (row: DealRow) => boolean {
  const needed = Math.max(0, ...entries.map((e) => Number(e.id.slice(1)) || 0));
  return (row) => row.view.timeline.length >= needed;
}

/**
 * What the deal's row shows once it holds an applied action: the action's timeline entries; for a
 * handoff's accept or return, the deal's hearing of it (the handoff's own row: awaitHandoffRow).
 * Undefined when the deal's row does not change (a tick, an attachment, an action that changed
 * nothing).
 */
export function actionReflected(action: UserAction, result: ActionResult | HandoffActionResult, before: DealView): ((row: DealRow) => boolean) | undefined {
  if ('entries' in result) return result.entries.length > 0 ? holdsEntries(result.entries) : undefined;
  if (action.type !== 'handoff.accept' && action.type !== 'handoff.return') return undefined;
  const open = before.openHandoffs.find((h) => h.templateId === action.templateId);
  if (!open) return undefined;
  const same = (h: DealView['openHandoffs'][number]) => h.templateId === open.templateId && h.instance === open.instance;
  return action.type === 'handoff.accept'
    ? (row) => !row.view.openHandoffs.some(same)
    : (row) => row.view.openHandoffs.some((h) => same(h) && h.status === 'returned') || !row.view.openHandoffs.some(same);
}
