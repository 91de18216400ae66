import { ParentClosePolicy, getExternalWorkflowHandle, patched, startChild } from '@temporalio/workflow';
import { handoffCloseSignal, handoffTeamSignal, type HandoffWorkflowInput } from '../handoff-messages';
import { handoffWorkflow } from '../handoff';
import { reserveAdoptionSlot, startHandoff, submitClaim, withdrawClaim } from './activities';
import { isoInstant } from './clock';
import { settleClaims } from './claims';
import type { ClaimsLane } from './claims-lane';
import type { HandoffStarts } from './handoff-starts';
import type { DealContext, Work } from './context';
import { deliver, type BackgroundDeliveries } from './deliveries';
import type { SearchAttributePublisher } from './search-attributes';
import { record } from './timeline';

/** Deals recorded before it awaited each notification batch in the loop; they keep doing so on replay. */
export const NOTIFICATIONS_IN_BACKGROUND = 'notifications-in-background';
/** Deals recorded before it started handoffs as child workflows; they keep doing so on replay. */
export const HANDOFFS_BESIDE_THE_DEAL = 'handoffs-beside-the-deal';
/** Deals recorded before it settled claims in the loop, so that a claims outage held up their rungs; they keep doing so on replay. */
export const CLAIMS_BESIDE_THE_LOOP = 'claims-beside-the-loop';

export interface DealServices {
  searchAttributes: SearchAttributePublisher;
  deliveries: BackgroundDeliveries;
  claims: ClaimsLane;
  handoffStarts: HandoffStarts;
}

/** Carries out one piece of queued work: the deal's only Temporal commands besides timers. */
export async function perform(ctx: DealContext, item: Work, { searchAttributes, deliveries, claims, handoffStarts }: DealServices): Promise<void> {
  switch (item.kind) {
    case 'notify':
      if (ctx.rules.allRulesAtStart || patched(NOTIFICATIONS_IN_BACKGROUND)) return deliveries.start(item.requests);
      return deliver(ctx, item.requests);
    case 'start-handoff':
      if (ctx.rules.handoffStartsBeside) return handoffStarts.start(item.handoff.workflowId, () => startHandoffWorkflow(ctx, item));
      return startHandoffWorkflow(ctx, item);
    case 'team-changed':
      for (const handoff of ctx.memory.handoffs) {
        // A handoff told anything must exist first (a no-op in runs that start them in the loop).
        await handoffStarts.settled(handoff.workflowId);
        await getExternalWorkflowHandle(handoff.workflowId).signal(handoffTeamSignal, ctx.memory.team);
      }
      return;
    case 'claims':
      if (claimsBesideTheLoop(ctx)) return claims.enqueue(() => settleClaims(ctx, { reserveAdoptionSlot, submitClaim }, { closeProvenFirst: true }));
      await settleClaims(ctx, { reserveAdoptionSlot, submitClaim });
      searchAttributes.refresh();
      return;
    case 'withdraw-claim':
      if (claimsBesideTheLoop(ctx)) return claims.enqueue(() => sendWithdrawal(ctx, item));
      return sendWithdrawal(ctx, item);
    case 'close-handoffs':
      for (const workflowId of item.workflowIds) {
        await handoffStarts.settled(workflowId);
        await getExternalWorkflowHandle(workflowId).signal(handoffCloseSignal, { by: item.by, reason: item.reason });
      }
      return;
  }
}

/** Decided at each piece of claim work: a deal running since before it moves to the lane from its next one. */
const claimsBesideTheLoop = (ctx: DealContext): boolean => ctx.rules.claimsBesideAtStart || patched(CLAIMS_BESIDE_THE_LOOP);

/** The withdrawal through the gateway; a sink that refuses it for good is said on the timeline. */
async function sendWithdrawal(ctx: DealContext, item: Extract<Work, { kind: 'withdraw-claim' }>): Promise<void> {
  const claim = ctx.memory.claims.find((c) => c.claim.claimId === item.claimId)!;
  try {
    const receipt = await withdrawClaim({ claimId: item.claimId, idempotencyKey: claim.claim.idempotencyKey, reason: item.reason, by: item.by, withdrawnAt: claim.withdrawn?.at ?? isoInstant(ctx.clock.now()) });
    record(ctx, 'claim.withdrawalSent', { claimId: item.claimId, sink: receipt.sink, reference: receipt.reference });
  } catch (err) {
    const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
    record(ctx, 'claim.withdrawalRefused', { claimId: item.claimId, reason });
  }
  ctx.changed = true;
}

async function startHandoffWorkflow(ctx: DealContext, item: Extract<Work, { kind: 'start-handoff' }>): Promise<void> {
  const input: HandoffWorkflowInput = {
    dealWorkflowId: ctx.workflowId,
    dealId: ctx.deal.id,
    ...(ctx.rules.handoffTemplateOnly ? { template: ctx.playbook.handoffs.find((h) => h.id === item.handoff.templateId)! } : { playbook: ctx.playbook }),
    templateId: item.handoff.templateId,
    instance: item.handoff.instance,
    team: ctx.memory.team,
    startedAt: item.handoff.startedAt,
    dueAt: isoInstant(item.dueAt),
    timeShiftMs: ctx.memory.timeShiftMs,
  };
  if (ctx.rules.allRulesAtStart || patched(HANDOFFS_BESIDE_THE_DEAL)) {
    await startHandoff({ workflowId: item.handoff.workflowId, input });
    return;
  }
  // Abandoned on close so that continue-as-new does not end the running handoffs; they report
  // back by signal to the deal's workflow id.
  await startChild(handoffWorkflow, { workflowId: item.handoff.workflowId, args: [input], parentClosePolicy: ParentClosePolicy.ABANDON });
}
