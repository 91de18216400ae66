import { nextAttentionAt } from '../../src/domain/deadlines';
import type { DealContext } from './context';
import { fireDueEscalations } from './escalations';
import { promptRenewalIfDue, renewalPromptAt } from './renewal';

/** What falls due on the deal, and when it next needs attention. Pure. */

/** Fires the rungs and breaches due by `at`, then the renewal prompt if its day has come. */
export function attendDue(ctx: DealContext, at: number): void {
  // A deal closed as lost or cancelled has nothing left to fall due.
  if (ctx.memory.closure) return;
  fireDueEscalations(ctx, at);
  promptRenewalIfDue(ctx, at);
}

/** The earliest instant a rung, a breach or the renewal prompt is due; undefined when nothing is. */
export function nextWakeAt(ctx: DealContext): number | undefined {
  if (ctx.memory.closure) return undefined;
  const promptAt = ctx.memory.renewalPrompted ? undefined : renewalPromptAt(ctx);
  const instants = [nextAttentionAt(ctx.ladder, ctx.memory.deadlines), promptAt].filter((x): x is number => x !== undefined);
  return instants.length > 0 ? Math.min(...instants) : undefined;
}
